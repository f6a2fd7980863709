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

    /// <summary>
    /// Whether a notification sent by any process sharing the store reaches this one (PostgreSQL's LISTEN/NOTIFY: yes;
    /// the in-process default: no). When it does, an idle dispatcher polls only every
    /// <see cref="TasklaneOptions.FallbackPollInterval"/>, else every <see cref="TasklaneOptions.PollInterval"/>.
    /// </summary>
    bool ReachesOtherProcesses => false;
}
