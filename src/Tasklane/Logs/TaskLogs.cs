namespace Tasklane;

/// <summary>
/// Reads a task's log wherever its lines are: the lines the <c>file</c> log storage moved out of the database
/// first, then the lines still in the store. Sequence numbers stay those the store gave, so an incremental
/// reader (<c>after</c>) never sees a line twice nor misses one when lines move.
/// </summary>
public sealed class TaskLogs
{
    private readonly ITaskStore _store;
    private readonly TaskLogFiles _files;

    internal TaskLogs(ITaskStore store, TaskLogFiles files)
    {
        _store = store;
        _files = files;
    }

    /// <summary>Up to <paramref name="limit"/> lines of a task with a sequence number above <paramref name="afterSeq"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TaskLogLine>> GetAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        var archived = await _files.ReadAsync(taskId, afterSeq, limit, cancellationToken);
        if (archived.Count >= limit) return archived;
        var after = archived.Count > 0 ? archived[^1].Seq : afterSeq;
        var live = await _store.GetLogsAsync(taskId, after, limit - archived.Count, cancellationToken);
        return archived.Count == 0 ? live : [.. archived, .. live];
    }
}
