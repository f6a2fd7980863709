namespace Tasklane;

/// <summary>A stored schedule with its spec read and described in words.</summary>
/// <param name="Schedule">The stored row.</param>
/// <param name="Spec">The spec.</param>
/// <param name="Description">The spec in words, e.g. "hourly between 05:00 and 23:00".</param>
public sealed record ScheduleView(ScheduleRow Schedule, ScheduleSpec Spec, string Description);
