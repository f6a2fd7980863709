using System.Text.Json;

namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRow>> ClaimAsync(ClaimParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Limit <= 0 || p.Workers.Count == 0) return Task.FromResult<IReadOnlyList<TaskRow>>([]);
        var workers = p.Workers.ToArray();
        return RunAsync<IReadOnlyList<TaskRow>>(write: true, async session =>
        {
            var planner = new ClaimPlanner(p.Limit, p.QueueSlots);
            (short Rank, DateTimeOffset RunAt, long Id)? cursor = null;
            // Lock due tasks window by window in claim order, skipping rows other nodes are claiming, until the
            // limit is reached or none is left. A window is only as large as the slots left, so other nodes are
            // not kept from rows this claim will not take; queues whose slots are used up leave the next window.
            while (!planner.IsFull)
            {
                var window = planner.Remaining;
                var read = 0;
                await using (var reader = await session.Command("claim_candidates")
                    .With("now", p.Now)
                    .With("workers", workers)
                    .With("full_queues", planner.FullQueues.ToArray())
                    .With("after_rank", cursor?.Rank)
                    .With("after_run_at", cursor?.RunAt)
                    .With("after_id", cursor?.Id)
                    .With("window", window)
                    .ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        read++;
                        var id = reader.GetInt64(0);
                        planner.Offer(id, reader.GetString(1));
                        cursor = (reader.GetInt16(2), PostgreSqlRows.Time(reader, 3), id);
                    }
                }
                if (read < window) break;
            }
            if (planner.Chosen.Count == 0) return [];
            return await ReadTasksAsync(session.Command("claim_update")
                .With("ids", planner.Chosen.ToArray())
                .With("now", p.Now)
                .With("node", p.NodeId)
                .With("lease_expires_at", p.LeaseExpiresAt), cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteAsync(IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            if (outcome.Status == TaskState.Running)
                throw new ArgumentException($"The outcome of task {outcome.TaskId} has status running; an outcome ends the attempt.", nameof(outcomes));
        }
        if (outcomes.Count == 0) return Task.CompletedTask;
        var ids = outcomes.Select(o => o.TaskId).ToArray();
        return RunAsync(write: true, async session =>
        {
            // Three statements, one round trip: lock the rows and their parents in id order, write every outcome and
            // its log line (a completed task with unfinished subtasks awaits them), then recompute the parents.
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
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReportAsync(IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) return Task.CompletedTask;
        var ids = reports.Select(r => r.TaskId).Distinct().ToArray();
        return RunAsync(write: true, async session =>
        {
            // One round trip: lock the rows in id order, then each report's update and log line in order,
            // so every line carries the progress snapshot of its moment.
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
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<HeartbeatResult> HeartbeatAsync(HeartbeatParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var node = p.Node;
        return RunAsync(write: true, async session =>
        {
            await session.Command("node_upsert")
                .With("id", node.Id)
                .With("host", node.Host)
                .With("pid", node.Pid)
                .With("started_at", node.StartedAt)
                .With("last_heartbeat", node.LastHeartbeat)
                .With("queues", JsonSerializer.Serialize(node.Queues))
                .With("workers", JsonSerializer.Serialize(node.Workers))
                .With("concurrency", node.Concurrency)
                .With("running", node.Running)
                .ExecuteNonQueryAsync(cancellationToken);
            var cancelRequested = await ReadIdsAsync(session.Command("heartbeat_leases")
                .With("node", node.Id)
                .With("lease_expires_at", p.LeaseExpiresAt), cancellationToken);
            return new HeartbeatResult(cancelRequested, LostLeases: 0);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => session.Command("node_delete").With("id", nodeId).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<NodeRow>> ListNodesAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<NodeRow>>(write: false, async session =>
        {
            var nodes = new List<NodeRow>();
            await using var reader = await session.Command("nodes_list").ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) nodes.Add(PostgreSqlRows.Node(reader));
            return nodes;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> RescueAsync(RescueParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        return RunAsync<IReadOnlyList<long>>(write: true, async session =>
        {
            var ids = await ReadIdsAsync(session.Command("tasks_rescue").With("now", p.Now).With("message", p.Message), cancellationToken);
            ids.Sort();
            await LogManyAsync(session, ids, p.Now, "error", p.Message, cancellationToken);
            await RefreshParentsAsync(session, ids, p.Now, cancellationToken);
            return ids;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ReleaseAsync(ReleaseParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.TaskIds.Count == 0) return Task.FromResult(0);
        var ids = p.TaskIds.ToArray();
        return RunAsync(write: true, async session =>
        {
            await session.Command("lock_tasks").With("ids", ids).ExecuteNonQueryAsync(cancellationToken);
            var released = await ReadIdsAsync(session.Command("tasks_release")
                .With("ids", ids)
                .With("node", p.NodeId)
                .With("now", p.Now), cancellationToken);
            await LogManyAsync(session, released, p.Now, "warning", p.Message, cancellationToken);
            return released.Count;
        }, cancellationToken);
    }
}
