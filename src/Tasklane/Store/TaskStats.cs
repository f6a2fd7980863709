namespace Tasklane;

/// <summary>Counts over a time range, as <see cref="ITaskStore.GetStatsAsync"/> returns them.</summary>
/// <param name="Counts">Tasks by status, subtasks included (every status present, zero when none); <see cref="SubtaskCounts"/> says how many are subtasks.</param>
/// <param name="AvgDurationMs">The average run time (started to ended) of completed tasks, or null when none completed.</param>
/// <param name="Workers">One row per worker that has tasks in the range, by identifier.</param>
/// <param name="Buckets">The non-empty buckets of the time series, oldest first (empty buckets are left out).</param>
public sealed record TaskStats(
    IReadOnlyDictionary<TaskState, long> Counts,
    double? AvgDurationMs,
    IReadOnlyList<WorkerStats> Workers,
    IReadOnlyList<StatsBucket> Buckets)
{
    /// <summary>The subtasks among <see cref="Counts"/>, by status (every status present, zero when none).</summary>
    public IReadOnlyDictionary<TaskState, long> SubtaskCounts { get; init; } = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
}
