using System.Data.Common;
using Npgsql;

namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>
    /// A claim locks candidates with SKIP LOCKED, so a window is only as large as the slots left: other nodes are not
    /// kept from rows this claim will not take.
    /// </summary>
    private protected override int ClaimWindow(int remaining) => remaining;

    /// <inheritdoc />
    /// <remarks>True: the outcomes and the next claim go in one batch, one round trip and one commit.</remarks>
    public override bool JoinsCompleteAndClaim => true;

    /// <summary>True: claim_next reads the paused and limited queues in its own snapshot.</summary>
    private protected override bool OneStatementClaimReadsQueues => true;

    /// <summary>
    /// Four statements, one round trip: lock the rows and their parents in id order, write every outcome and its log
    /// line (a completed task with unfinished subtasks awaits them), recompute the parents, and wake the nodes a freed
    /// slot of a shared limit concerns.
    /// </summary>
    private protected override async Task WriteOutcomesAsync(StoreSession session, IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var batch = session.Batch();
        AddOutcomes(session, batch, outcomes);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One statement, one round trip, in the implicit transaction of its round trip (no BEGIN, no COMMIT of its own).</summary>
    private protected override Task<OneStatementClaim?> ClaimInOneStatementAsync(ClaimParams p, IReadOnlyList<string> leftOut, CancellationToken cancellationToken) =>
        RunInOneRoundTripAsync<OneStatementClaim?>(async session =>
        {
            await using var batch = session.Batch();
            batch.BatchCommands.Add(ClaimNext(session, p, leftOut));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await ReadClaimNextAsync(reader, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The outcomes' statements (and their webhook deliveries), then the claim, in one batch: one round trip, committed as
    /// one implicit transaction when it ends, so the tasks claimed and the outcomes written stand or fall together.
    /// </summary>
    private protected override Task<OneStatementClaim> CompleteAndClaimInOneRoundTripAsync(IReadOnlyList<TaskOutcome> outcomes, bool taskEvents,
        ClaimParams claim, IReadOnlyList<string> leftOut, CancellationToken cancellationToken) =>
        RunInOneRoundTripAsync(async session =>
        {
            await using var batch = session.Batch();
            AddOutcomes(session, batch, outcomes);
            var ending = EndingIds(outcomes);
            if (taskEvents && ending.Length > 0)
                batch.BatchCommands.Add(session.BatchCommand("webhook_task_events_insert").With("ids", ending).With("now", outcomes[0].Now));
            batch.BatchCommands.Add(ClaimNext(session, claim, leftOut));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await ReadClaimNextAsync(reader, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Runs a batch outside an explicit transaction: PostgreSQL runs the statements of one round trip in one implicit
    /// transaction and commits it at the end, so a whole write costs one round trip. A conflict runs it again.
    /// </summary>
    private async Task<T> RunInOneRoundTripAsync<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunReadAsync(work, cancellationToken);
            }
            catch (DbException ex) when (ShouldRetry(ex, attempt))
            {
                await PauseBeforeRetryAsync(ex, attempt, cancellationToken);
            }
        }
    }

    private static NpgsqlBatchCommand ClaimNext(StoreSession session, ClaimParams p, IReadOnlyList<string> leftOut) =>
        session.BatchCommand("claim_next")
            .With("now", p.Now)
            .With("workers", p.Workers.ToArray())
            .With("full_queues", leftOut.ToArray())
            .With("limit", p.Limit)
            .With("node", p.NodeId)
            .With("lease_expires_at", p.LeaseExpiresAt);

    /// <summary>
    /// Reads claim_next's rows (the batch's last result, after those of earlier statements) to the end of the round
    /// trip, so that its commit is known to have succeeded before any task is handed out.
    /// </summary>
    private async Task<OneStatementClaim> ReadClaimNextAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (!HasColumn(reader, "claim_planned"))
        {
            if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("The claim returned no result.");
        }
        var tasks = new List<TaskRow>();
        var planned = false;
        var id = reader.GetOrdinal("id");
        var flag = reader.GetOrdinal("claim_planned");
        while (await reader.ReadAsync(cancellationToken))
        {
            planned = reader.GetBoolean(flag);
            if (!reader.IsDBNull(id)) tasks.Add(Rows.ClaimedTask(reader));
        }
        while (await reader.NextResultAsync(cancellationToken)) { }
        return new OneStatementClaim(tasks, planned);
    }

    private static bool HasColumn(NpgsqlDataReader reader, string name)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), name, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// The outcomes' four statements: lock the rows and parents, write the outcomes and log lines, recompute the parents,
    /// and wake every node when a task freed a slot of a limit that counts over all of them (slots_freed_notify.sql).
    /// </summary>
    private void AddOutcomes(StoreSession session, NpgsqlBatch batch, IReadOnlyList<TaskOutcome> outcomes)
    {
        var ids = outcomes.Select(o => o.TaskId).ToArray();
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
        batch.BatchCommands.Add(session.BatchCommand("slots_freed_notify")
            .With("ids", ids)
            .With("channel", PostgreSqlSchema.Channel(_schema))
            .With("payload", DueNotification));
    }

    /// <summary>The payload of a wake-up.</summary>
    private static readonly string DueNotification = TaskNotificationPayload.Write(new TaskNotification(TaskNotificationKind.TaskDue));

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
