namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>
    /// A claim locks candidates with SKIP LOCKED, so a window is only as large as the slots left: other nodes are not
    /// kept from rows this claim will not take.
    /// </summary>
    private protected override int ClaimWindow(int remaining) => remaining;

    /// <summary>
    /// Three statements, one round trip: lock the rows and their parents in id order, write every outcome and its log
    /// line (a completed task with unfinished subtasks awaits them), then recompute the parents.
    /// </summary>
    private protected override async Task WriteOutcomesAsync(StoreSession session, IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken)
    {
        var ids = outcomes.Select(o => o.TaskId).ToArray();
        await using var batch = session.Batch();
        batch.BatchCommands.Add(session.BatchCommand("lock_tasks_and_parents").With("ids", ids));
        batch.BatchCommands.Add(session.BatchCommand("task_complete_many")
            .With("ids", ids)
            .With("nodes", outcomes.Select(o => o.NodeId).ToArray())
            .With("attempts", outcomes.Select(o => o.Attempt).ToArray())
            .With("statuses", outcomes.Select(o => StoreText.Of(o.Status)).ToArray())
            .With("ats", outcomes.Select(o => o.Now).ToArray())
            .With("run_ats", outcomes.Select(o => o.RunAt ?? o.Now).ToArray())
            .With("errors", outcomes.Select(o => o.Error).ToArray())
            .With("stack_traces", outcomes.Select(o => o.StackTrace).ToArray())
            .With("artifact_keys", outcomes.Select(o => o.Artifact?.FileKey).ToArray())
            .With("artifact_names", outcomes.Select(o => o.Artifact?.Name).ToArray())
            .With("artifact_sizes", outcomes.Select(o => o.Artifact?.Size).ToArray())
            .With("response_codes", outcomes.Select(o => o.ResponseCode).ToArray())
            .With("response_messages", outcomes.Select(o => o.ResponseMessage).ToArray())
            .With("levels", outcomes.Select(o => o.LogLevel).ToArray())
            .With("messages", outcomes.Select(o => o.LogMessage).ToArray())
            .With("ords", Enumerable.Range(0, outcomes.Count).ToArray()));
        batch.BatchCommands.Add(session.BatchCommand("parents_refresh").With("ids", ids).With("now", outcomes[0].Now));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// One round trip: lock the rows in id order, then each report's update and log line in order, so every line
    /// carries the progress snapshot of its moment.
    /// </summary>
    private protected override async Task WriteReportsAsync(StoreSession session, IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken)
    {
        var ids = reports.Select(r => r.TaskId).Distinct().ToArray();
        await using var batch = session.Batch();
        batch.BatchCommands.Add(session.BatchCommand("lock_tasks").With("ids", ids));
        foreach (var r in reports)
        {
            if (r.HasProgress || r.Message is not null)
            {
                batch.BatchCommands.Add(session.BatchCommand("task_report")
                    .With("id", r.TaskId)
                    .With("at", r.At)
                    .With("has_progress", r.HasProgress)
                    .With("progress", r.Progress)
                    .With("processed", r.Processed)
                    .With("total", r.Total)
                    .With("eta_seconds", r.EtaSeconds)
                    .With("message", r.Message));
            }
            if (r.LogMessage is not null)
            {
                batch.BatchCommands.Add(session.BatchCommand("log_insert")
                    .With("id", r.TaskId)
                    .With("at", r.At)
                    .With("level", r.LogLevel ?? "info")
                    .With("message", r.LogMessage));
            }
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
