using System.Text.Json;

namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRow>> ClaimAsync(ClaimParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Limit <= 0 || p.Workers.Count == 0) return Task.FromResult<IReadOnlyList<TaskRow>>([]);
        return RunAsync<IReadOnlyList<TaskRow>>(write: true, async session =>
        {
            var planner = new ClaimPlanner(p.Limit, p.QueueSlots);
            (long Rank, long RunAt, long Id)? cursor = null;
            // Read due tasks window by window in claim order until the limit is reached or none is left;
            // queues whose slots are used up are left out of the next window.
            while (!planner.IsFull)
            {
                var window = Math.Max(planner.Remaining * 4, 16);
                var read = 0;
                await using (var reader = await session.Command("claim_candidates")
                    .With("now", p.Now)
                    .WithJson("workers", p.Workers)
                    .WithJson("full_queues", planner.FullQueues)
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
                        cursor = (reader.GetInt64(2), reader.GetInt64(3), id);
                    }
                }
                if (read < window) break;
            }
            if (planner.Chosen.Count == 0) return [];
            return await ReadTasksAsync(session.Command("claim_update")
                .WithJson("ids", planner.Chosen)
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
        return RunAsync(write: true, async session =>
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
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReportAsync(IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) return Task.CompletedTask;
        return RunAsync(write: true, async session =>
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
            while (await reader.ReadAsync(cancellationToken)) nodes.Add(SqliteRows.Node(reader));
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
        return RunAsync(write: true, async session =>
        {
            var ids = await ReadIdsAsync(session.Command("tasks_release")
                .WithJson("ids", p.TaskIds)
                .With("node", p.NodeId)
                .With("now", p.Now), cancellationToken);
            await LogManyAsync(session, ids, p.Now, "warning", p.Message, cancellationToken);
            return ids.Count;
        }, cancellationToken);
    }
}
