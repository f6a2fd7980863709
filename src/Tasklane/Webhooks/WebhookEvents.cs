namespace Tasklane;

/// <summary>The events a webhook can get.</summary>
public static class WebhookEvents
{
    /// <summary>A task ended failed (after its last attempt).</summary>
    public const string TaskFailed = "task.failed";
    /// <summary>A task completed.</summary>
    public const string TaskCompleted = "task.completed";
    /// <summary>A due task of a queue waited longer than the threshold.</summary>
    public const string QueueStalled = "queue.stalled";
    /// <summary>The event of "Send test"; not subscribable, every hook can get it.</summary>
    public const string Test = "webhook.test";

    /// <summary>The events a hook subscribes to, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } = [TaskFailed, TaskCompleted, QueueStalled];
}
