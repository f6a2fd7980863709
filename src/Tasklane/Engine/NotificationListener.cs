using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// Receives the notifications of every node: a due task wakes this node's dispatcher, a cancel request
/// fires the token of the task when it runs here, a change of the webhooks makes the store read their flags again.
/// Restarts listening with backoff when the notifier fails.
/// </summary>
internal sealed partial class NotificationListener(
    ITaskNotifier notifier,
    ITaskStore store,
    TaskSignal signal,
    RunningTasks running,
    TimeProvider time,
    ILogger<NotificationListener> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var notification in notifier.ListenAsync(stoppingToken))
                {
                    failures = 0;
                    Handle(notification);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (failures == 0) LogListenFailed(ex);
                failures++;
            }
            var pause = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Min(failures, 10)), 10_000));
            try { await Task.Delay(pause, time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Acts on one notification.</summary>
    public void Handle(TaskNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        switch (notification.Kind)
        {
            case TaskNotificationKind.TaskDue:
                signal.Wake();
                break;
            case TaskNotificationKind.CancelRequested when notification.TaskId is { } id:
                running.RequestCancel(id);
                break;
            case TaskNotificationKind.WebhooksChanged:
                (store as IWebhookStore)?.ForgetWebhookFlags();
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for notifications failed; the dispatcher polls meanwhile")]
    private partial void LogListenFailed(Exception ex);
}
