namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <summary>
    /// A claim reads a few candidates more than it may take (at least 16), so queues whose slots run out rarely cost
    /// another window; the read locks no row, since the IMMEDIATE transaction holds the whole database.
    /// </summary>
    private protected override int ClaimWindow(int remaining) => Math.Max(remaining * 4, 16);

    /// <summary>One statement per outcome and its log line, then the parents of the batch.</summary>
    private protected override async Task WriteOutcomesAsync(StoreSession session, IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var o in outcomes)
        {
            if (o.Status == TaskState.Completed && await AwaitSubtasksAsync(session, o, cancellationToken)) continue;
            var changed = await session.Command("task_complete")
                .With("id", o.TaskId)
                .With("node", o.NodeId)
                .With("attempt", o.Attempt)
                .With("status", StoreText.Of(o.Status))
                .With("now", o.Now)
                .With("run_at", o.RunAt ?? o.Now)
                .With("error", o.Error)
                .With("stack_trace", o.StackTrace)
                .With("artifact_key", o.Artifact?.FileKey)
                .With("artifact_name", o.Artifact?.Name)
                .With("artifact_size", o.Artifact?.Size)
                .With("response_code", o.ResponseCode)
                .With("response_message", o.ResponseMessage)
                .ExecuteNonQueryAsync(cancellationToken);
            if (changed > 0) await LogAsync(session, o.TaskId, o.Now, o.LogLevel, o.LogMessage, cancellationToken);
        }
        await RefreshParentsAsync(session, [.. outcomes.Select(o => o.TaskId)], outcomes[0].Now, cancellationToken);
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
