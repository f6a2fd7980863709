using System.Globalization;
using System.Text.Json;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRow>> ClaimAsync(ClaimParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Limit <= 0 || p.Workers.Count == 0) return Task.FromResult<IReadOnlyList<TaskRow>>([]);
        return ClaimCoreAsync(p, cancellationToken);
    }

    private async Task<IReadOnlyList<TaskRow>> ClaimCoreAsync(ClaimParams p, CancellationToken cancellationToken)
    {
        var queues = await QueueConfigForClaimAsync(cancellationToken);
        return await RunAsync<IReadOnlyList<TaskRow>>(write: true, async session =>
        {
            var slots = new Dictionary<string, int>(p.QueueSlots, StringComparer.Ordinal);
            foreach (var paused in queues.Paused) slots[paused] = 0;
            // The fast path takes none of this: only a queue with a global concurrency or a rate is locked and counted
            // (docs/queues.md).
            var buckets = queues.Limited.Count == 0 ? new List<RateBucket>() : await LimitQueuesAsync(session, queues.Limited, p.Now, slots, cancellationToken);
            var planner = new ClaimPlanner(p.Limit, slots);
            (object Rank, DateTimeOffset RunAt, long Id)? cursor = null;
            var window = new List<(long Id, string Queue, string? Key, int KeyLimit)>();
            // Read due tasks window by window in claim order (PostgreSQL locks them, skipping rows other nodes are
            // claiming) until the limit is reached or none is left; queues whose slots are used up, and concurrency
            // keys that have none left, are left out of the next window.
            while (!planner.IsFull)
            {
                var size = ClaimWindow(planner.Remaining);
                window.Clear();
                await using (var reader = await session.Command("claim_candidates")
                    .With("now", p.Now)
                    .WithList("workers", p.Workers)
                    .WithList("full_queues", planner.FullQueues)
                    .WithList("full_keys", planner.FullKeys)
                    .With("after_rank", cursor?.Rank)
                    .With("after_run_at", cursor?.RunAt)
                    .With("after_id", cursor?.Id)
                    .With("window", size)
                    .ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var id = reader.GetInt64(0);
                        window.Add((id, reader.GetString(1), NullableString(reader, 4), Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture)));
                        cursor = (reader.GetValue(2), Rows.Time(reader, 3), id);
                    }
                }
                if (window.Exists(c => c.Key is not null))
                    await CountKeysAsync(session, planner, window.Where(c => c.Key is not null).Select(c => c.Key!), cancellationToken);
                foreach (var candidate in window) planner.Offer(candidate.Id, candidate.Queue, candidate.Key, candidate.KeyLimit);
                if (window.Count < size) break;
            }
            if (planner.Chosen.Count == 0) return [];
            var claimed = await session.Command("claim_update")
                .WithList("ids", planner.Chosen)
                .With("now", p.Now)
                .With("node", p.NodeId)
                .With("lease_expires_at", p.LeaseExpiresAt)
                .ReadAllAsync(Rows.ClaimedTask, cancellationToken);
            if (buckets.Count > 0) await SpendRateAsync(session, buckets, claimed, p.Now, cancellationToken);
            return claimed;
        }, cancellationToken);
    }

    /// <summary>How many candidates one window of a claim reads when <paramref name="remaining"/> tasks may still be chosen.</summary>
    private protected abstract int ClaimWindow(int remaining);

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
            await WriteOutcomesAsync(session, outcomes, cancellationToken);
            // Webhooks: the events of the tasks (and parents) this batch ended, in the same transaction (nothing when no hook wants them).
            await EnqueueTaskEventsAsync(session, [.. outcomes.Where(o => o.Status is TaskState.Completed or TaskState.Failed).Select(o => o.TaskId)],
                outcomes[0].Now, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Writes a non-empty batch of outcomes and their log lines inside the caller's transaction, ignoring leases the
    /// node no longer holds; a completed task with unfinished subtasks awaits them; then recomputes the parents.
    /// </summary>
    private protected abstract Task WriteOutcomesAsync(StoreSession session, IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task ReportAsync(IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) return Task.CompletedTask;
        return RunAsync(write: true, async session =>
        {
            await WriteReportsAsync(session, reports, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Writes a non-empty batch of progress updates and log lines, in order, inside the caller's transaction.</summary>
    private protected abstract Task WriteReportsAsync(StoreSession session, IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken);

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
            await session.Command("nodes_list").ReadAllAsync(Rows.Node, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> RescueAsync(RescueParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        // Most rounds find nothing: look first with a read, and write only when a lease has run out.
        var due = await RunAsync(write: false, async session =>
            Convert.ToBoolean(await session.Command("tasks_rescue_due").With("now", p.Now).ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture),
            cancellationToken);
        if (!due) return [];
        return await RunAsync<IReadOnlyList<long>>(write: true, async session =>
        {
            var ids = await ReadIdsAsync(session.Command("tasks_rescue").With("now", p.Now).With("message", p.Message), cancellationToken);
            ids.Sort();
            await LogManyAsync(session, ids, p.Now, "error", p.Message, cancellationToken);
            await RefreshParentsAsync(session, ids, p.Now, cancellationToken);
            await EnqueueTaskEventsAsync(session, ids, p.Now, cancellationToken);
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
            await LockTasksAsync(session, p.TaskIds, cancellationToken);
            var released = await ReadIdsAsync(session.Command("tasks_release")
                .WithList("ids", p.TaskIds)
                .With("node", p.NodeId)
                .With("now", p.Now), cancellationToken);
            await LogManyAsync(session, released, p.Now, "warning", p.Message, cancellationToken);
            return released.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// Locks the given tasks, in id order, before a multi-row write. Nothing to do where the write transaction already
    /// holds the whole database (SQLite's IMMEDIATE transaction).
    /// </summary>
    private protected virtual Task LockTasksAsync(StoreSession session, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
