using System.Runtime.CompilerServices;

namespace Tasklane;

/// <summary>
/// Reads a task's log wherever its lines are: the lines the <c>file</c> log storage moved out of the database
/// first, then the lines still in the store. Sequence numbers stay those the store gave, so an incremental
/// reader (<c>after</c>) never sees a line twice nor misses one when lines move.
/// </summary>
public sealed class TaskLogs
{
    private readonly ITaskStore _store;
    private readonly ILogArchive _files;

    internal TaskLogs(ITaskStore store, ILogArchive files)
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

    /// <summary>
    /// Every line of a task, oldest first, in pages of up to <paramref name="pageSize"/>: the archived file in one
    /// pass, then the store's lines after it by sequence number. Only one page is held at a time, so a reader that
    /// writes each page out (the log export) never holds the whole log.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<TaskLogLine>> ReadAllAsync(
        long taskId, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        long after = 0;
        await foreach (var page in _files.ReadPagesAsync(taskId, pageSize, cancellationToken))
        {
            after = page[^1].Seq;
            yield return page;
        }
        while (true)
        {
            var page = await _store.GetLogsAsync(taskId, after, pageSize, cancellationToken);
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            after = page[^1].Seq;
        }
    }
}
