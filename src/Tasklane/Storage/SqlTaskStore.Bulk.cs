namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Chunk by chunk, highest id first, each chunk one write transaction: the chunk's ids (by filter: the list's own
    /// filters, <see cref="TaskListSql.Chunk"/>; by ids: those the caller may see), the rows and their parents locked
    /// in id order (PostgreSQL), then one UPDATE per state the action applies to, whose WHERE holds the single
    /// transition's rules, one log line per changed task in one INSERT, and the parents of changed subtasks
    /// recomputed. A chunk never holds the SQLite writer for more than one chunk's statements.
    /// </remarks>
    public async Task<TaskBulkResult> BulkAsync(TaskBulkParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if ((p.Ids is null) == (p.Filter is null)) throw new ArgumentException("Give either ids or a filter.", nameof(p));
        var chunkSize = Math.Max(p.ChunkSize, 1);
        var changed = 0L;
        var requested = new List<long>();
        long matched;
        if (p.Ids is { } given)
        {
            var ids = given.Distinct().OrderDescending().ToArray();
            matched = ids.Length;
            foreach (var chunk in ids.Chunk(chunkSize))
            {
                var outcome = await RunAsync(write: true, async session =>
                {
                    var visible = await ReadIdsAsync(session.Command("tasks_bulk_visible").WithList("ids", chunk).With("visible_to", p.VisibleTo), cancellationToken);
                    return await ApplyBulkAsync(session, p.Action, visible, p.Now, cancellationToken);
                }, cancellationToken);
                changed += outcome.Changed;
                requested.AddRange(outcome.Requested);
            }
        }
        else
        {
            var sql = TaskListSql.Chunk(p.Filter!, _dialect);
            matched = 0;
            var before = long.MaxValue;
            while (true)
            {
                var (count, last, outcome) = await RunAsync(write: true, async session =>
                {
                    var ids = await ReadIdsAsync(sql.Bind(session.Script(sql.PageText), sql.PageText)
                        .With("before_id", before).With("chunk", chunkSize), cancellationToken);
                    if (ids.Count == 0) return (0, 0L, new BulkChunk(0, []));
                    return (ids.Count, ids[^1], await ApplyBulkAsync(session, p.Action, ids, p.Now, cancellationToken));
                }, cancellationToken);
                matched += count;
                changed += outcome.Changed;
                requested.AddRange(outcome.Requested);
                if (count < chunkSize) break;
                before = last;
            }
        }
        return new TaskBulkResult(matched, changed, matched - changed) { CancelRequested = requested };
    }

    /// <summary>Applies the action to one chunk of live tasks inside the session's transaction.</summary>
    private async Task<BulkChunk> ApplyBulkAsync(StoreSession session, TaskBulkAction action, IReadOnlyList<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return new BulkChunk(0, []);
        await LockTasksAndParentsAsync(session, ids, cancellationToken);
        switch (action)
        {
            case TaskBulkAction.Retry:
                return new BulkChunk(await BulkStepAsync(session, "tasks_bulk_retry", ids, now, "Retried by operator", cancellationToken), []);
            case TaskBulkAction.Execute:
                return new BulkChunk(await BulkStepAsync(session, "tasks_bulk_execute", ids, now, "Execution requested now", cancellationToken), []);
            case TaskBulkAction.Delete:
                return new BulkChunk(await BulkStepAsync(session, "tasks_bulk_delete", ids, now, "Deleted", cancellationToken), []);
            case TaskBulkAction.Cancel:
                var cancelled = await ReadIdsAsync(session.Command("tasks_bulk_cancel_pending").WithList("ids", ids).With("now", now), cancellationToken);
                await LogManyAsync(session, cancelled, now, "info", "Cancelled", cancellationToken);
                var asked = await ReadIdsAsync(session.Command("tasks_bulk_request_cancel").WithList("ids", ids).With("now", now), cancellationToken);
                await LogManyAsync(session, asked, now, "info", "Cancellation requested", cancellationToken);
                // A cancelled subtask may end its awaiting parent, as the single cancel recomputes it.
                await RefreshParentsAsync(session, cancelled, now, cancellationToken);
                return new BulkChunk(cancelled.Count + asked.Count, asked);
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown bulk action.");
        }
    }

    /// <summary>One set-based UPDATE of the chunk and one log line per task it changed; how many it changed.</summary>
    private static async Task<int> BulkStepAsync(StoreSession session, string statement, IReadOnlyList<long> ids, DateTimeOffset now, string logMessage, CancellationToken cancellationToken)
    {
        var done = await ReadIdsAsync(session.Command(statement).WithList("ids", ids).With("now", now), cancellationToken);
        await LogManyAsync(session, done, now, "info", logMessage, cancellationToken);
        return done.Count;
    }

    /// <summary>
    /// Locks the rows a multi-row transition writes and the parents it recomputes, in id order (PostgreSQL); on
    /// SQLite the write transaction already holds the database.
    /// </summary>
    private protected virtual Task LockTasksAndParentsAsync(StoreSession session, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private sealed record BulkChunk(int Changed, IReadOnlyList<long> Requested);
}
