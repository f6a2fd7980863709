namespace Tasklane;

/// <summary>
/// The webhooks seam: the hooks, and their outbox. Task events are written into the outbox by the store itself, in the
/// transaction of the transition that ends the task (see <see cref="ITaskStore.CompleteAsync"/>), and only while a
/// hook wants them (<see cref="GetWebhookFlagsAsync"/>); every node's delivery loop claims due deliveries, sends them
/// and records how it went.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Inserts a hook (and the pending audit entry, in the same transaction).</summary>
    Task<WebhookRow> CreateWebhookAsync(CreateWebhookParams p, CancellationToken cancellationToken);

    /// <summary>Every hook by id, each with its newest delivery.</summary>
    Task<IReadOnlyList<WebhookRow>> ListWebhooksAsync(CancellationToken cancellationToken);

    /// <summary>One hook with its newest delivery, or null.</summary>
    Task<WebhookRow?> GetWebhookAsync(long id, CancellationToken cancellationToken);

    /// <summary>Deletes a hook with its deliveries (and writes the pending audit entry); false when it does not exist.</summary>
    Task<bool> DeleteWebhookAsync(long id, CancellationToken cancellationToken);

    /// <summary>Enqueues a <c>webhook.test</c> delivery to the hook (and writes the pending audit entry); its id, or null when the hook does not exist.</summary>
    Task<long?> EnqueueWebhookTestAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Which events any hook wants, as this store last read them: re-read at most every
    /// <see cref="WebhookFlagsMaxAge"/>, at once after a change made through this store or announced by another node
    /// (<see cref="ForgetWebhookFlags"/>).
    /// </summary>
    Task<WebhookFlags> GetWebhookFlagsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How long a store trusts the flags it read before reading them again. A change made on another node is announced
    /// (the <see cref="TaskNotificationKind.WebhooksChanged"/> notification, on PostgreSQL sent when the change commits),
    /// so this age only bounds the delay when that notification is lost.
    /// </summary>
    TimeSpan WebhookFlagsMaxAge { get; }

    /// <summary>Forgets the cached flags: the next use reads them again (another node announced a change of the hooks).</summary>
    void ForgetWebhookFlags();

    /// <summary>When the earliest pending delivery is due (a read, nothing claimed); null when none is pending.</summary>
    Task<DateTimeOffset?> NextWebhookDeliveryDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <see cref="ClaimWebhookDeliveriesParams.Limit"/> pending deliveries that are due, oldest first, and
    /// counts the attempt; a claimed one is due again at <see cref="ClaimWebhookDeliveriesParams.LeaseUntil"/> unless
    /// recorded before. On PostgreSQL rows another node is claiming are skipped.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ClaimWebhookDeliveriesAsync(ClaimWebhookDeliveriesParams p, CancellationToken cancellationToken);

    /// <summary>Records how a sending went: delivered, retried later, or given up.</summary>
    Task RecordWebhookAttemptAsync(WebhookAttempt attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the queues whose oldest due, claimable pending task has been due since <paramref name="dueBefore"/> or
    /// longer: a queue that was not stalled before begins an episode and gets one <c>queue.stalled</c> delivery per
    /// hook that wants it (a per-worker hook when that worker has such a task in the queue); a queue that caught up
    /// ends its episode. Returns how many deliveries were enqueued.
    /// </summary>
    Task<int> DetectQueueStallsAsync(DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken cancellationToken);

    /// <summary>Removes delivered and failed deliveries written before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteWebhookDeliveriesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
