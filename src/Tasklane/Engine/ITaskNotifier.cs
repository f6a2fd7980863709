namespace Tasklane;

/// <summary>
/// Pushes wake-ups and cancel requests to every node sharing the store (in-process by default,
/// PostgreSQL LISTEN/NOTIFY for scale-out). Delivery is best effort: the dispatcher's poll and the
/// heartbeat remain the fallback, so a lost notification only delays work.
/// </summary>
public interface ITaskNotifier
{
    /// <summary>Sends <paramref name="notification"/> to every listener, this node's included.</summary>
    ValueTask NotifyAsync(TaskNotification notification, CancellationToken cancellationToken);

    /// <summary>The notifications sent from now on, until <paramref name="cancellationToken"/> fires.</summary>
    IAsyncEnumerable<TaskNotification> ListenAsync(CancellationToken cancellationToken);
}
