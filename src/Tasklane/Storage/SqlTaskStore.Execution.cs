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
        var queues = await QueueConfigForOneStatementAsync(cancellationToken);
        if (OneStatementClaimLeavesOut(p, queues) is { } leftOut
            && await ClaimInOneStatementAsync(p, leftOut, cancellationToken) is { } one)
        {
            if (!one.Planned) return one.Tasks;
            NoteKeyedClaim();
        }
        return await PlannedClaimAsync(p, await QueueConfigForClaimAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The claim planned window by window (<see cref="ClaimPlanner"/>), every queue limit and concurrency key counted.</summary>
    private Task<IReadOnlyList<TaskRow>> PlannedClaimAsync(ClaimParams p, QueueConfigCache queues, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<TaskRow>>(write: true, async session =>
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

    /// <summary>How long claims go straight to the planned claim after a one-statement claim met a concurrency key.</summary>
    private static readonly TimeSpan PlannedClaimsAfterKey = TimeSpan.FromSeconds(1);

    private long _keyedClaimAt = long.MinValue;

    /// <summary>
    /// The queues a one-statement claim leaves out (paused, or no slot left on this node), or null when the claim must be
    /// planned: a queue with a global concurrency or a rate, a queue with a per-node slot count above none, or a recent
    /// claim that met a concurrency key (tasks with keys keep coming, so the one-statement try would only cost a statement).
    /// </summary>
    private List<string>? OneStatementClaimLeavesOut(ClaimParams p, QueueConfigCache queues)
    {
        if (queues.Limited.Count > 0 || p.QueueSlots.Values.Any(free => free > 0)) return null;
        var keyedAt = Interlocked.Read(ref _keyedClaimAt);
        if (keyedAt != long.MinValue && TimeProvider.GetElapsedTime(keyedAt) < PlannedClaimsAfterKey) return null;
        return [.. queues.Paused.Concat(p.QueueSlots.Keys).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The queue configuration the choice of a one-statement claim goes by: where that statement reads the paused and
    /// limited queues itself (<see cref="OneStatementClaimReadsQueues"/>), the cached one while it is fresh and none
    /// otherwise, so that a claim after a pause makes no round trip for it; else the configuration the claim needs.
    /// </summary>
    private async ValueTask<QueueConfigCache> QueueConfigForOneStatementAsync(CancellationToken cancellationToken) =>
        OneStatementClaimReadsQueues ? FreshQueueConfig() ?? NoQueueConfig : await QueueConfigForClaimAsync(cancellationToken);

    /// <summary>
    /// True where <see cref="ClaimInOneStatementAsync"/> reads the queue configuration in its own snapshot: it leaves out
    /// paused queues and, when its window holds a task of a queue with a global concurrency or a rate, starts none and
    /// says so (<see cref="OneStatementClaim.Planned"/>).
    /// </summary>
    private protected virtual bool OneStatementClaimReadsQueues => false;

    private void NoteKeyedClaim() => Interlocked.Exchange(ref _keyedClaimAt, TimeProvider.GetTimestamp());

    /// <summary>
    /// A whole claim in one statement (and one round trip) for a claim with no queue limit to count, leaving out the
    /// queues in <paramref name="leftOut"/>; null where the store has none (it plans every claim). When its window holds
    /// a task with a concurrency key it starts none and says so (<see cref="OneStatementClaim.Planned"/>).
    /// </summary>
    private protected virtual Task<OneStatementClaim?> ClaimInOneStatementAsync(ClaimParams p, IReadOnlyList<string> leftOut, CancellationToken cancellationToken) =>
        Task.FromResult<OneStatementClaim?>(null);

    /// <summary>
    /// What a one-statement claim started, or that it started none because its window held a task it cannot count
    /// (a concurrency key; where it reads the queues itself, a queue with a limit): the claim is then planned.
    /// </summary>
    private protected sealed record OneStatementClaim(IReadOnlyList<TaskRow> Tasks, bool Planned);

    /// <inheritdoc />
    public virtual bool JoinsCompleteAndClaim => false;

    /// <inheritdoc />
    /// <remarks>
    /// Where the store joins them (<see cref="JoinsCompleteAndClaim"/>) and the claim needs no queue limit counted, one
    /// round trip and one commit (<see cref="CompleteAndClaimInOneRoundTripAsync"/>); a claim whose window met a
    /// concurrency key is planned after the outcomes have committed. Otherwise <see cref="CompleteAsync"/>, then
    /// <see cref="ClaimAsync"/>.
    /// </remarks>
    public async Task<IReadOnlyList<TaskRow>> CompleteAndClaimAsync(IReadOnlyList<TaskOutcome> outcomes, ClaimParams claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(claim);
        CheckOutcomes(outcomes);
        if (outcomes.Count > 0 && JoinsCompleteAndClaim && claim.Limit > 0 && claim.Workers.Count > 0)
        {
            var queues = await QueueConfigForOneStatementAsync(cancellationToken);
            if (OneStatementClaimLeavesOut(claim, queues) is { } leftOut)
            {
                var taskEvents = await WantsTaskEventsAsync(cancellationToken);
                var one = await CompleteAndClaimInOneRoundTripAsync(outcomes, taskEvents, claim, leftOut, cancellationToken);
                if (!one.Planned) return one.Tasks;
                NoteKeyedClaim();
                return await PlannedClaimAsync(claim, await QueueConfigForClaimAsync(cancellationToken), cancellationToken);
            }
        }
        await CompleteAsync(outcomes, cancellationToken);
        return await ClaimAsync(claim, cancellationToken);
    }

    /// <summary>
    /// Writes a non-empty batch of outcomes (with the webhook deliveries of the tasks it ends when
    /// <paramref name="taskEvents"/>) and claims in one statement as <see cref="ClaimInOneStatementAsync"/>, all in one
    /// round trip and one transaction; only for a store that <see cref="JoinsCompleteAndClaim"/>.
    /// </summary>
    private protected virtual Task<OneStatementClaim> CompleteAndClaimInOneRoundTripAsync(IReadOnlyList<TaskOutcome> outcomes, bool taskEvents,
        ClaimParams claim, IReadOnlyList<string> leftOut, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Name} store does not join a completion and a claim.");

    /// <summary>The ids of the outcomes that end their task (completed or failed): the tasks whose webhook events are due.</summary>
    private protected static long[] EndingIds(IReadOnlyList<TaskOutcome> outcomes) =>
        [.. outcomes.Where(o => o.Status is TaskState.Completed or TaskState.Failed).Select(o => o.TaskId)];

    private static void CheckOutcomes(IReadOnlyList<TaskOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Status == TaskState.Running)
                throw new ArgumentException($"The outcome of task {outcome.TaskId} has status running; an outcome ends the attempt.", nameof(outcomes));
        }
    }

    /// <summary>How many candidates one window of a claim reads when <paramref name="remaining"/> tasks may still be chosen.</summary>
    private protected abstract int ClaimWindow(int remaining);

    /// <inheritdoc />
    public Task CompleteAsync(IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        CheckOutcomes(outcomes);
        if (outcomes.Count == 0) return Task.CompletedTask;
        return RunAsync(write: true, async session =>
        {
            await WriteOutcomesAsync(session, outcomes, cancellationToken);
            // Webhooks: the events of the tasks (and parents) this batch ended, in the same transaction (nothing when no hook wants them).
            await EnqueueTaskEventsAsync(session, EndingIds(outcomes), outcomes[0].Now, cancellationToken);
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
