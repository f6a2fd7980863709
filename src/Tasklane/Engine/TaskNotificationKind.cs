namespace Tasklane;

/// <summary>What a <see cref="TaskNotification"/> tells the nodes.</summary>
public enum TaskNotificationKind
{
    /// <summary>A task became due (created, retried, made due now): dispatchers should claim.</summary>
    TaskDue,
    /// <summary>Cancellation of a running task was requested: the node running it fires its token.</summary>
    CancelRequested,
    /// <summary>
    /// A task changed in a way no engine loop acts on and the console's change stamp does not show (a pending task
    /// cancelled): the console's open pages fetch their live parts again.
    /// </summary>
    TaskChanged,
    /// <summary>
    /// A webhook was created or deleted: every node reads again which events any hook wants, so a task that ends on
    /// another node writes its event from now on (not only once that node's cached flags have aged).
    /// </summary>
    WebhooksChanged,
}
