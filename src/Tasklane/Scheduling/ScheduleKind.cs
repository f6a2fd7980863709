namespace Tasklane;

/// <summary>How a schedule fires.</summary>
public enum ScheduleKind
{
    /// <summary>Only on demand ("Run now").</summary>
    Manual,
    /// <summary>Once, at a date and time.</summary>
    Once,
    /// <summary>Hourly, daily or weekly at a time.</summary>
    Periodic,
    /// <summary>Every N minutes or hours within a daily window (which may cross midnight).</summary>
    Regular,
    /// <summary>A cron expression of 5 or 6 fields.</summary>
    Cron,
}

/// <summary>The period of a <see cref="ScheduleKind.Periodic"/> schedule.</summary>
public enum SchedulePeriod
{
    /// <summary>Every hour at <c>minute</c> past.</summary>
    Hourly,
    /// <summary>Every day at <c>at</c>.</summary>
    Daily,
    /// <summary>Every week on <c>day_of_week</c> at <c>at</c>.</summary>
    Weekly,
}

/// <summary>The unit of a <see cref="ScheduleKind.Regular"/> schedule's interval.</summary>
public enum ScheduleUnit
{
    /// <summary>Minutes.</summary>
    Minutes,
    /// <summary>Hours.</summary>
    Hours,
}
