namespace Tasklane;

/// <summary>What a <see cref="TaskNotification"/> tells the nodes.</summary>
public enum TaskNotificationKind
{
    /// <summary>A task became due (created, retried, made due now): dispatchers should claim.</summary>
    TaskDue,
    /// <summary>Cancellation of a running task was requested: the node running it fires its token.</summary>
    CancelRequested,
}
