using System.Data.Common;
using System.Globalization;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore : IWebhookStore
{
    private static readonly TimeSpan FlagsMaxAge = TimeSpan.FromSeconds(30);
    private volatile WebhookFlagsRead? _webhookFlags;
    private long _webhookFlagsVersion;

    /// <inheritdoc />
    public TimeSpan WebhookFlagsMaxAge => FlagsMaxAge;

    /// <inheritdoc />
    public async Task<WebhookRow> CreateWebhookAsync(CreateWebhookParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        var created = await RunAsync(write: true, async session =>
        {
            var id = Convert.ToInt64(await session.Command("webhook_insert")
                .With("url", p.Url)
                .With("worker", p.Worker)
                .With("task_failed", p.Events.Contains(WebhookEvents.TaskFailed))
                .With("task_completed", p.Events.Contains(WebhookEvents.TaskCompleted))
                .With("queue_stalled", p.Events.Contains(WebhookEvents.QueueStalled))
                .With("secret", p.ProtectedSecret)
                .With("now", p.Now)
                .ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await AuditAsync(session, audit, e => e with { TargetId = id.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
            await AnnounceAsync(session, TaskNotificationKind.WebhooksChanged, cancellationToken);
            return (await ReadWebhooksAsync(session, id, cancellationToken)).Single();
        }, cancellationToken);
        ForgetWebhookFlags();
        return created;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookRow>> ListWebhooksAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<WebhookRow>>(write: false, async session => await ReadWebhooksAsync(session, null, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<WebhookRow?> GetWebhookAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session => (await ReadWebhooksAsync(session, id, cancellationToken)).FirstOrDefault(), cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteWebhookAsync(long id, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        var deleted = await RunAsync(write: true, async session =>
        {
            if (await session.Command("webhook_delete").With("id", id).ExecuteNonQueryAsync(cancellationToken) == 0) return false;
            await AuditAsync(session, audit, cancellationToken);
            await AnnounceAsync(session, TaskNotificationKind.WebhooksChanged, cancellationToken);
            return true;
        }, cancellationToken);
        if (deleted) ForgetWebhookFlags();
        return deleted;
    }

    /// <inheritdoc />
    public Task<long?> EnqueueWebhookTestAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        return RunAsync<long?>(write: true, async session =>
        {
            var delivery = await session.Command("webhook_test_insert").With("id", id).With("now", now).ExecuteScalarAsync(cancellationToken);
            if (delivery is null or DBNull) return null;
            await AuditAsync(session, audit, cancellationToken);
            return Convert.ToInt64(delivery, CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WebhookFlags> GetWebhookFlagsAsync(CancellationToken cancellationToken)
    {
        if (_webhookFlags is { } known && TimeProvider.GetUtcNow() - known.At < FlagsMaxAge) return known.Flags;
        return await RunAsync(write: false, session => ReadWebhookFlagsAsync(session, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextWebhookDeliveryDueAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
        {
            await using var reader = await session.Command("webhook_deliveries_next_due").ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Rows.NullableTime(reader, 0) : null;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A read comes first (when is the earliest delivery due? the statement of <see cref="NextWebhookDeliveryDueAsync"/>):
    /// a node with hooks and nothing to send makes no write transaction, so
    /// it neither takes SQLite's write lock nor locks rows on PostgreSQL while idle.
    /// </remarks>
    public async Task<IReadOnlyList<WebhookDelivery>> ClaimWebhookDeliveriesAsync(ClaimWebhookDeliveriesParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (await NextWebhookDeliveryDueAsync(cancellationToken) is not { } due || due > p.Now) return [];
        return await RunAsync<IReadOnlyList<WebhookDelivery>>(write: true, async session =>
        {
            var ids = await ReadIdsAsync(session.Command("webhook_deliveries_claim")
                .With("now", p.Now)
                .With("lease_until", p.LeaseUntil)
                .With("limit", p.Limit), cancellationToken);
            if (ids.Count == 0) return [];
            return await session.Command("webhook_deliveries_get").WithList("ids", ids).ReadAllAsync(ReadDelivery, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordWebhookAttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return RunAsync(write: true, session => session.Command("webhook_attempt_record")
            .With("id", attempt.DeliveryId)
            .With("status", attempt.Status)
            .With("next_attempt_at", attempt.NextAttemptAt)
            .With("status_code", attempt.StatusCode)
            .With("error", attempt.Error)
            .With("body", attempt.Body)
            .With("now", attempt.Now)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DetectQueueStallsAsync(DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        RunAsync(write: true, async session =>
        {
            var stalled = await session.Command("webhook_stalled_queues").With("due_before", dueBefore)
                .ReadAllAsync(r => (Queue: r.GetString(0), OldestDueAt: Rows.Time(r, 1)), cancellationToken);
            await session.Command("webhook_stalls_end").WithList("queues", stalled.Select(s => s.Queue)).ExecuteNonQueryAsync(cancellationToken);
            var enqueued = 0;
            foreach (var (queue, oldestDueAt) in stalled)
            {
                var begun = await session.Command("webhook_stall_begin").With("queue", queue).With("now", now).ExecuteScalarAsync(cancellationToken);
                if (begun is null or DBNull) continue;
                enqueued += await session.Command("webhook_stall_events_insert")
                    .With("queue", queue)
                    .With("oldest_due_at", oldestDueAt)
                    .With("due_before", dueBefore)
                    .With("now", now)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            return enqueued;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteWebhookDeliveriesAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => session.Command("webhook_deliveries_delete").With("before", before).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Inside the transaction of a transition that may have ended <paramref name="taskIds"/> (or their parents): writes
    /// their <c>task.failed</c> / <c>task.completed</c> deliveries. Nothing at all, not even a statement, while no hook
    /// wants task events (the flags are cached, see <see cref="GetWebhookFlagsAsync"/>).
    /// </summary>
    private protected async Task EnqueueTaskEventsAsync(StoreSession session, IReadOnlyList<long> taskIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0) return;
        var flags = _webhookFlags is { } known && TimeProvider.GetUtcNow() - known.At < FlagsMaxAge
            ? known.Flags
            : await ReadWebhookFlagsAsync(session, cancellationToken);
        if (!flags.TaskEvents) return;
        await session.Command("webhook_task_events_insert").WithList("ids", taskIds).With("now", now).ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Whether a hook wants task events, for a write that adds their deliveries to a batch of its own: the cached flags
    /// while fresh, else read on a connection of their own.
    /// </summary>
    private protected async Task<bool> WantsTaskEventsAsync(CancellationToken cancellationToken)
    {
        if (_webhookFlags is { } known && TimeProvider.GetUtcNow() - known.At < FlagsMaxAge) return known.Flags.TaskEvents;
        return (await RunReadAsync(session => ReadWebhookFlagsAsync(session, cancellationToken), cancellationToken)).TaskEvents;
    }

    /// <inheritdoc />
    /// <remarks>Also called here after a change through this store has committed.</remarks>
    public void ForgetWebhookFlags()
    {
        Interlocked.Increment(ref _webhookFlagsVersion);
        _webhookFlags = null;
    }

    /// <summary>Reads the flags and keeps them, unless a change was made meanwhile (a read begun before it may have missed it).</summary>
    private async Task<WebhookFlags> ReadWebhookFlagsAsync(StoreSession session, CancellationToken cancellationToken)
    {
        var version = Volatile.Read(ref _webhookFlagsVersion);
        var at = TimeProvider.GetUtcNow();
        var counts = (await session.Command("webhook_flags")
            .ReadAllAsync(r => (Any: r.GetInt64(0), Task: r.GetInt64(1), Stalled: r.GetInt64(2)), cancellationToken)).Single();
        var flags = new WebhookFlags(counts.Any > 0, counts.Task > 0, counts.Stalled > 0);
        if (Volatile.Read(ref _webhookFlagsVersion) == version) _webhookFlags = new WebhookFlagsRead(flags, at);
        return flags;
    }

    private Task<List<WebhookRow>> ReadWebhooksAsync(StoreSession session, long? id, CancellationToken cancellationToken) =>
        session.Command("webhooks_list").With("id", id).ReadAllAsync(ReadWebhook, cancellationToken);

    private WebhookRow ReadWebhook(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Url = r.GetString(1),
        Worker = r.IsDBNull(2) ? null : r.GetString(2),
        Events = [.. WebhookEvents.All.Where((_, i) => Convert.ToBoolean(r.GetValue(3 + i), CultureInfo.InvariantCulture))],
        ProtectedSecret = r.GetString(6),
        CreatedAt = Rows.Time(r, 7),
        LastDelivery = r.IsDBNull(8)
            ? null
            : new WebhookDeliveryStatus(r.GetInt64(8), r.GetString(9), r.GetString(10), r.GetInt32(11),
                r.IsDBNull(12) ? null : r.GetInt32(12), r.IsDBNull(13) ? null : r.GetString(13), Rows.Time(r, 14)),
    };

    private WebhookDelivery ReadDelivery(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        WebhookId = r.GetInt64(1),
        Url = r.GetString(2),
        ProtectedSecret = r.GetString(3),
        Event = r.GetString(4),
        TaskId = r.IsDBNull(5) ? null : r.GetInt64(5),
        Queue = r.IsDBNull(6) ? null : r.GetString(6),
        OldestDueAt = Rows.NullableTime(r, 7),
        Attempts = r.GetInt32(8),
        CreatedAt = Rows.Time(r, 9),
        Body = r.IsDBNull(10) ? null : r.GetString(10),
    };

    /// <summary>Flags and when they were read.</summary>
    private sealed record WebhookFlagsRead(WebhookFlags Flags, DateTimeOffset At);
}
