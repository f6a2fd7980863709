namespace Tasklane.Tests.Queues;

/// <summary>
/// A second limit worker, for a node that must not run <see cref="LimitWorker"/>'s tasks: it shares their queues and
/// concurrency keys, so a limit counts tasks of both.
/// </summary>
[Worker("limits-2", Title = "Limits 2", Queue = "limited")]
public sealed class SecondLimitWorker(ConcurrencyTracker tracker, NodeName node) : TaskWorker
{
    [Action("work")]
    public async Task WorkAsync(TaskContext task, LimitArgs args, CancellationToken cancellationToken)
    {
        using var _ = tracker.Enter(node.Name, "queue:" + task.Task.Queue, task.Task.ConcurrencyKey is { } key ? "key:" + key : null);
        await Task.Delay(args.Ms, cancellationToken);
    }
}
