using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// Publishes this node's notifications through the <see cref="ITaskNotifier"/> without holding up the caller:
/// wake-ups are coalesced (at most one being sent and one more queued), and a failure is logged, never thrown,
/// because the task itself is already stored and the other nodes' poll will find it.
/// </summary>
internal sealed partial class Notifier(ITaskNotifier notifier, ILogger<Notifier> logger)
{
    private const int Idle = 0, Sending = 1, SendingAndQueued = 2;
    private int _dueState;
    private bool _failing;

    /// <summary>Tells every node that a task is due; returns at once.</summary>
    public void TaskDue()
    {
        while (true)
        {
            var state = Volatile.Read(ref _dueState);
            if (state == SendingAndQueued) return;
            if (Interlocked.CompareExchange(ref _dueState, state + 1, state) != state) continue;
            if (state == Idle) _ = SendDueAsync();
            return;
        }
    }

    /// <summary>Tells every node that cancellation of a running task was requested.</summary>
    public async Task CancelRequestedAsync(long taskId, CancellationToken cancellationToken) =>
        await SendAsync(new TaskNotification(TaskNotificationKind.CancelRequested, taskId), cancellationToken);

    /// <summary>Tells every node's console that a task changed where its change stamp does not show it (a pending task cancelled).</summary>
    public async Task TaskChangedAsync(long? taskId, CancellationToken cancellationToken) =>
        await SendAsync(new TaskNotification(TaskNotificationKind.TaskChanged, taskId), cancellationToken);

    private async Task SendDueAsync()
    {
        while (true)
        {
            await SendAsync(new TaskNotification(TaskNotificationKind.TaskDue), CancellationToken.None);
            // Sending → Idle ends; SendingAndQueued → Sending sends once more.
            if (Interlocked.Decrement(ref _dueState) == Idle) return;
        }
    }

    private async Task SendAsync(TaskNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(notification, cancellationToken);
            _failing = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (!_failing) LogNotifyFailed(ex, notification.Kind);
            _failing = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the {Kind} notification failed; other nodes will find the work by polling")]
    private partial void LogNotifyFailed(Exception ex, TaskNotificationKind kind);
}
