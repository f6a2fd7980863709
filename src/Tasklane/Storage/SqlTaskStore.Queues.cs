using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <summary>
    /// How long a claim trusts the queue configuration it read: a change made through another store (another node)
    /// takes effect within this time; one made through this store, at once.
    /// </summary>
    private static readonly TimeSpan QueueConfigFor = TimeSpan.FromSeconds(1);

    private volatile QueueConfigCache? _queueConfig;

    /// <summary>The configured queues as the claim last read them, with when (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record QueueConfigCache(IReadOnlyList<QueueConfig> Queues, long ReadAt)
    {
        public IReadOnlyList<string> Paused { get; } = [.. Queues.Where(q => q.Paused).Select(q => q.Name)];
        public IReadOnlyList<string> Limited { get; } = [.. Queues.Where(q => q.Limited && !q.Paused).Select(q => q.Name).Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueueConfig>> ListQueueConfigsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<QueueConfig>>(write: false, async session =>
            await session.Command("queues_list").ReadAllAsync(Rows.Queue, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<QueueConfigChange> UpdateQueueAsync(UpdateQueueParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Validate() is { } error) throw new ArgumentException(error.Reason, error.Field);
        var audit = AuditScope.Pending();
        var change = await RunAsync(write: true, async session =>
        {
            var old = (await session.Command("queue_get").With("name", p.Name).ReadAllAsync(Rows.Queue, cancellationToken)).FirstOrDefault();
            var current = old ?? new QueueConfig { Name = p.Name };
            var updated = current with
            {
                Paused = p.Paused ?? current.Paused,
                GlobalConcurrency = p.SetGlobalConcurrency ? p.GlobalConcurrency : current.GlobalConcurrency,
                RatePerSecond = p.SetRatePerSecond ? p.RatePerSecond : current.RatePerSecond,
                UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(p.Now.ToUnixTimeMilliseconds()),
            };
            await session.Command("queue_upsert")
                .With("name", updated.Name)
                .With("paused", updated.Paused)
                .With("global_concurrency", updated.GlobalConcurrency)
                .With("rate_per_second", updated.RatePerSecond)
                .With("now", updated.UpdatedAt)
                .ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync(session, audit, e => e with
            {
                Details = AuditDetails.Of(("old", QueueAuditValue(old ?? new QueueConfig { Name = p.Name })), ("new", QueueAuditValue(updated))),
            }, cancellationToken);
            // A resumed queue or a raised limit lets tasks start that wait now: every node claims at once.
            await AnnounceAsync(session, TaskNotificationKind.TaskDue, cancellationToken);
            return new QueueConfigChange(old, updated);
        }, cancellationToken);
        _queueConfig = null; // the next claim of this store reads the change
        return change;
    }

    private static JsonObject QueueAuditValue(QueueConfig q) => new()
    {
        ["paused"] = q.Paused,
        ["global_concurrency"] = q.GlobalConcurrency,
        ["rate_per_second"] = q.RatePerSecond,
    };

    /// <summary>No queue configured: what a one-statement claim that reads the queues itself goes by when the cache is stale.</summary>
    private static readonly QueueConfigCache NoQueueConfig = new([], 0);

    /// <summary>The cached queue configuration while it is fresh; null when there is none or it is stale.</summary>
    private QueueConfigCache? FreshQueueConfig() =>
        _queueConfig is { } cached && TimeProvider.GetElapsedTime(cached.ReadAt) < QueueConfigFor ? cached : null;

    /// <summary>The queue configuration for a claim: the cached one while it is fresh, else read again.</summary>
    private async Task<QueueConfigCache> QueueConfigForClaimAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.GetTimestamp();
        if (_queueConfig is { } cached && TimeProvider.GetElapsedTime(cached.ReadAt, now) < QueueConfigFor) return cached;
        var fresh = new QueueConfigCache(await ListQueueConfigsAsync(cancellationToken), now);
        _queueConfig = fresh;
        return fresh;
    }

    /// <summary>
    /// Inside the claim's transaction: locks the limited queues (PostgreSQL: their rows, FOR UPDATE, so the claims of
    /// every node take their turn), and gives each the slots it has left: its global concurrency less the tasks that hold
    /// a slot, and the whole tokens of its rate bucket. Returns the rate buckets, to be written back after the claim.
    /// </summary>
    private async Task<List<RateBucket>> LimitQueuesAsync(StoreSession session, IReadOnlyList<string> limited, DateTimeOffset now,
        Dictionary<string, int> slots, CancellationToken cancellationToken)
    {
        var buckets = new List<RateBucket>();
        await using var reader = await session.Command("claim_queues_lock").WithList("names", limited).ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string Name, bool Paused, int? Global, double? Rate, double? Tokens, DateTimeOffset? At)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), Rows.Flag(reader, 1),
                reader.IsDBNull(2) ? null : Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                Rows.NullableTime(reader, 5)));
        }
        var running = new Dictionary<string, long>(StringComparer.Ordinal);
        if (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) running[reader.GetString(0)] = reader.GetInt64(1);
        }
        foreach (var row in rows)
        {
            var free = int.MaxValue;
            if (row.Paused) free = 0;
            if (row.Global is { } global) free = (int)Math.Min(free, Math.Max(0, global - running.GetValueOrDefault(row.Name)));
            if (row.Rate is { } rate)
            {
                var bucket = RateBucket.Refill(row.Name, rate, row.Tokens, row.At, now);
                buckets.Add(bucket);
                free = Math.Min(free, bucket.Whole);
            }
            slots[row.Name] = slots.TryGetValue(row.Name, out var own) ? Math.Min(own, free) : free;
        }
        return buckets;
    }

    /// <summary>Learns, for the keys of a window not seen yet in this claim, how many tasks with them hold a slot.</summary>
    private async Task CountKeysAsync(StoreSession session, ClaimPlanner planner, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var unknown = keys.Where(k => !planner.KnowsKey(k)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return;
        await using var reader = await session.Command("claim_key_counts").WithList("keys", unknown).ExecuteReaderAsync(cancellationToken);
        var held = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken)) held.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        foreach (var key in unknown) planner.SetKeyRunning(key, held.Contains(key) ? counts.GetValueOrDefault(key) : null);
    }

    /// <summary>Writes back what the claim took from each rate bucket.</summary>
    private static async Task SpendRateAsync(StoreSession session, List<RateBucket> buckets, IReadOnlyList<TaskRow> claimed, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var bucket in buckets)
        {
            var started = claimed.Count(t => t.Queue == bucket.Queue);
            await session.Command("claim_rate_update")
                .With("name", bucket.Queue)
                .With("tokens", Math.Max(0, bucket.Tokens - started))
                .With("at", now)
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A queue's rate as a token bucket kept in its row: it refills at <c>rate</c> tokens a second up to a burst of
    /// max(1, rate); each start takes one token. A queue whose bucket was never used starts full.
    /// </summary>
    private sealed record RateBucket(string Queue, double Tokens)
    {
        public int Whole => (int)Math.Min(int.MaxValue, Math.Floor(Tokens + 1e-9));

        public static RateBucket Refill(string queue, double rate, double? tokens, DateTimeOffset? at, DateTimeOffset now)
        {
            var burst = Math.Max(1, rate);
            if (tokens is not { } left || at is not { } since) return new RateBucket(queue, burst);
            var elapsed = Math.Max(0, (now - since).TotalSeconds);
            return new RateBucket(queue, Math.Min(burst, left + (elapsed * rate)));
        }
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
