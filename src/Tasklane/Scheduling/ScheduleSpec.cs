using System.Globalization;
using Cronos;

namespace Tasklane;

/// <summary>
/// When a schedule fires, in a time zone. Immutable; <see cref="Validate"/> says what is wrong in
/// words, <see cref="NextAfter"/> computes the next firing in UTC, <see cref="Describe"/> says it in words.
/// </summary>
public sealed record ScheduleSpec
{
    /// <summary>The kind.</summary>
    public ScheduleKind Kind { get; init; } = ScheduleKind.Manual;
    /// <summary>Once: the moment (UTC, or local to <see cref="TimeZone"/> when it has no offset in JSON).</summary>
    public DateTimeOffset? RunAt { get; init; }
    /// <summary>Periodic: hourly, daily or weekly.</summary>
    public SchedulePeriod? Period { get; init; }
    /// <summary>Periodic daily/weekly: the local time of day.</summary>
    public TimeOnly? At { get; init; }
    /// <summary>Periodic hourly: the minute past the hour.</summary>
    public int? Minute { get; init; }
    /// <summary>Periodic weekly: the day.</summary>
    public DayOfWeek? DayOfWeek { get; init; }
    /// <summary>Regular: every this many units.</summary>
    public int? Every { get; init; }
    /// <summary>Regular: minutes or hours.</summary>
    public ScheduleUnit? Unit { get; init; }
    /// <summary>Regular: the window's first local time (firings are anchored here).</summary>
    public TimeOnly? From { get; init; }
    /// <summary>Regular: the window's last local time; before <see cref="From"/> for a window across midnight.</summary>
    public TimeOnly? To { get; init; }
    /// <summary>Cron: 5 fields, or 6 with seconds first.</summary>
    public string? Cron { get; init; }
    /// <summary>The IANA (or Windows) time zone id the times are in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>What is wrong, in words, as (field, reason); null when the spec is valid.</summary>
    public (string Field, string Reason)? Validate()
    {
        if (!TryZone(out _)) return ("time_zone", $"unknown time zone '{TimeZone}'");
        switch (Kind)
        {
            case ScheduleKind.Manual:
                return null;
            case ScheduleKind.Once:
                return RunAt is null ? ("run_at", "a once schedule needs run_at") : null;
            case ScheduleKind.Periodic:
                if (Period is null) return ("period", "a periodic schedule needs period: hourly, daily or weekly");
                if (Period == SchedulePeriod.Hourly) return Minute is null or < 0 or > 59 ? ("minute", "an hourly schedule needs minute between 0 and 59") : null;
                if (At is null) return ("at", "a daily or weekly schedule needs at (HH:mm)");
                return Period == SchedulePeriod.Weekly && DayOfWeek is null ? ("day_of_week", "a weekly schedule needs day_of_week") : null;
            case ScheduleKind.Regular:
                if (Every is null or < 1) return ("every", "a regular schedule needs every ≥ 1");
                if (Unit is null) return ("unit", "a regular schedule needs unit: minutes or hours");
                if (Unit == ScheduleUnit.Minutes ? Every > 1440 : Every > 24) return ("every", "the interval must be at most one day");
                if (From is null || To is null) return ("from", "a regular schedule needs from and to (HH:mm)");
                return From == To ? ("to", "from and to must differ") : null;
            case ScheduleKind.Cron:
                if (string.IsNullOrWhiteSpace(Cron)) return ("cron", "a cron schedule needs cron");
                try { ParseCron(Cron); return null; }
                catch (CronFormatException ex) { return ("cron", ex.Message); }
            default:
                return ("kind", "kind must be manual, once, periodic, regular or cron");
        }
    }

    /// <summary>The first firing strictly after <paramref name="after"/>, in UTC; null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (Validate() is not null || !TryZone(out var zone)) return null;
        after = after.ToUniversalTime();
        return Kind switch
        {
            ScheduleKind.Once => RunAt > after ? RunAt.Value.ToUniversalTime() : null,
            ScheduleKind.Periodic => NextPeriodic(after, zone),
            ScheduleKind.Regular => NextRegular(after, zone),
            ScheduleKind.Cron => ParseCron(Cron!).GetNextOccurrence(after, zone)?.ToUniversalTime(),
            _ => null,
        };
    }

    /// <summary>The spec in words, e.g. "hourly between 05:00 and 23:00".</summary>
    public string Describe()
    {
        var zone = TimeZone == "UTC" ? "" : $" ({TimeZone})";
        return Kind switch
        {
            ScheduleKind.Manual => "manually",
            ScheduleKind.Once => $"once at {RunAt:yyyy-MM-dd HH:mm}{(TimeZone == "UTC" ? " UTC" : zone)}",
            ScheduleKind.Periodic when Period == SchedulePeriod.Hourly => $"hourly at {Minute:00} minutes past{zone}",
            ScheduleKind.Periodic when Period == SchedulePeriod.Daily => $"daily at {At:HH\\:mm}{zone}",
            ScheduleKind.Periodic => $"weekly on {DayOfWeek} at {At:HH\\:mm}{zone}",
            ScheduleKind.Regular => $"{Interval()} between {From:HH\\:mm} and {To:HH\\:mm}{zone}",
            ScheduleKind.Cron => $"cron '{Cron}'{zone}",
            _ => Kind.ToString(),
        };
    }

    private string Interval() => (Every, Unit) switch
    {
        (1, ScheduleUnit.Hours) => "hourly",
        (1, ScheduleUnit.Minutes) => "every minute",
        (var n, ScheduleUnit.Hours) => $"every {n} hours",
        (var n, _) => $"every {n} minutes",
    };

    private DateTimeOffset? NextPeriodic(DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = System.TimeZoneInfo.ConvertTime(after, zone).DateTime;
        if (Period == SchedulePeriod.Hourly)
        {
            var hour = new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified);
            for (var i = 0; i < 50; i++)
            {
                var candidate = ToUtc(hour.AddHours(i).AddMinutes(Minute!.Value), zone);
                if (candidate is { } c && c > after) return c;
            }
            return null;
        }
        for (var day = 0; day < 16; day++)
        {
            var date = local.Date.AddDays(day);
            if (Period == SchedulePeriod.Weekly && date.DayOfWeek != DayOfWeek) continue;
            if (ToUtc(date + At!.Value.ToTimeSpan(), zone) is { } candidate && candidate > after) return candidate;
        }
        return null;
    }

    private DateTimeOffset? NextRegular(DateTimeOffset after, TimeZoneInfo zone)
    {
        var step = Unit == ScheduleUnit.Hours ? TimeSpan.FromHours(Every!.Value) : TimeSpan.FromMinutes(Every!.Value);
        var from = From!.Value.ToTimeSpan();
        var to = To!.Value.ToTimeSpan();
        var length = to > from ? to - from : TimeSpan.FromDays(1) - from + to;
        var local = System.TimeZoneInfo.ConvertTime(after, zone).DateTime;
        // Windows start every local day at `from`; begin with yesterday's, which may cross midnight into today.
        for (var day = -1; day < 3; day++)
        {
            var windowStart = local.Date.AddDays(day) + from;
            for (var offset = TimeSpan.Zero; offset <= length; offset += step)
            {
                if (ToUtc(windowStart + offset, zone) is { } candidate && candidate > after) return candidate;
            }
        }
        return null;
    }

    /// <summary>Local wall time to UTC; a time skipped by a DST change is null, an ambiguous one takes its first occurrence.</summary>
    private static DateTimeOffset? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local)) return null;
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static CronExpression ParseCron(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6)) throw new CronFormatException($"a cron expression has 5 or 6 fields, not {fields.ToString(CultureInfo.InvariantCulture)}");
        return CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    private bool TryZone(out TimeZoneInfo zone) => System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out zone!);
}
