namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <summary>
    /// A claim reads a few candidates more than it may take (at least 16), so queues whose slots run out rarely cost
    /// another window; the read locks no row, since the IMMEDIATE transaction holds the whole database.
    /// </summary>
    private protected override int ClaimWindow(int remaining) => Math.Max(remaining * 4, 16);

    /// <summary>
    /// Two statements for the batch (the updates, then the log lines of the tasks that changed), after the few outcomes
    /// of tasks with subtasks, which go one by one; then the parents of the batch. When one task has several outcomes
    /// in the batch the first one wins, as if they were applied in order (the later ones are stale by then).
    /// </summary>
    private protected override async Task WriteOutcomesAsync(StoreSession session, IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken)
    {
        var first = new Dictionary<long, TaskOutcome>();
        foreach (var o in outcomes) first.TryAdd(o.TaskId, o);
        var parents = (await ReadIdsAsync(session.Command("tasks_with_subtasks").WithList("ids", first.Keys), cancellationToken)).ToHashSet();
        var plain = new List<TaskOutcome>(first.Count);
        foreach (var o in first.Values)
        {
            if (parents.Contains(o.TaskId) && o.Status == TaskState.Completed && await AwaitSubtasksAsync(session, o, cancellationToken)) continue;
            plain.Add(o);
        }
        if (plain.Count > 0)
        {
            var rows = SqliteOutcomeRows.Json(plain);
            var changed = await ReadIdsAsync(session.Command("tasks_complete_many").With("outcomes", rows), cancellationToken);
            if (changed.Count > 0)
            {
                await session.Command("tasks_complete_many_logs").With("outcomes", rows).WithList("changed", changed)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await RefreshParentsAsync(session, [.. first.Keys], outcomes[0].Now, cancellationToken);
    }

    /// <summary>One statement per progress update and per log line, in order.</summary>
    private protected override async Task WriteReportsAsync(StoreSession session, IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken)
    {
        foreach (var r in reports)
        {
            if (r.HasProgress || r.Message is not null)
            {
                await session.Command("task_report")
                    .With("id", r.TaskId)
                    .With("at", r.At)
                    .With("has_progress", r.HasProgress)
                    .With("progress", r.Progress)
                    .With("processed", r.Processed)
                    .With("total", r.Total)
                    .With("eta_seconds", r.EtaSeconds)
                    .With("message", r.Message)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            if (r.LogMessage is not null)
                await LogAsync(session, r.TaskId, r.At, r.LogLevel ?? "info", r.LogMessage, cancellationToken);
        }
    }
}
