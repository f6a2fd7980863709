namespace Tasklane;

/// <summary>One worker's counts in a statistics range.</summary>
/// <param name="Worker">The worker identifier.</param>
/// <param name="Created">Tasks created.</param>
/// <param name="Completed">Of those, completed.</param>
/// <param name="Failed">Of those, failed.</param>
/// <param name="AvgDurationMs">Average run time of the completed ones, or null.</param>
/// <param name="LastRunAt">The latest start of an attempt, or null when none started.</param>
public sealed record WorkerStats(string Worker, long Created, long Completed, long Failed, double? AvgDurationMs, DateTimeOffset? LastRunAt);
