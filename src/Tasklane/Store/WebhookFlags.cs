namespace Tasklane;

/// <summary>Which events any webhook wants: what lets the engine and the delivery loop do nothing when none is set up.</summary>
/// <param name="Any">At least one hook exists.</param>
/// <param name="TaskEvents">A hook wants <c>task.failed</c> or <c>task.completed</c>.</param>
/// <param name="QueueStalled">A hook wants <c>queue.stalled</c>.</param>
public sealed record WebhookFlags(bool Any, bool TaskEvents, bool QueueStalled)
{
    /// <summary>No hook.</summary>
    public static WebhookFlags None { get; } = new(false, false, false);
}
