namespace Tasklane.Tests.Queues;

/// <summary>
/// What the limit workers record as they run, shared by every node of a test: how many run at once per group (a queue,
/// a concurrency key) and the most ever seen, and when each started on which node.
/// </summary>
public sealed class ConcurrencyTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _max = new(StringComparer.Ordinal);
    private readonly List<(string Node, DateTimeOffset At)> _starts = [];

    public int Max(string group)
    {
        lock (_lock) return _max.GetValueOrDefault(group);
    }

    public IReadOnlyList<(string Node, DateTimeOffset At)> Starts
    {
        get { lock (_lock) return [.. _starts]; }
    }

    public IDisposable Enter(string node, params string?[] groups)
    {
        var entered = groups.OfType<string>().ToArray();
        lock (_lock)
        {
            _starts.Add((node, DateTimeOffset.UtcNow));
            foreach (var group in entered)
            {
                var now = _running.GetValueOrDefault(group) + 1;
                _running[group] = now;
                if (now > _max.GetValueOrDefault(group)) _max[group] = now;
            }
        }
        return new Exit(this, entered);
    }

    private sealed class Exit(ConcurrencyTracker tracker, string[] groups) : IDisposable
    {
        public void Dispose()
        {
            lock (tracker._lock)
            {
                foreach (var group in groups) tracker._running[group]--;
            }
        }
    }
}

/// <summary>The name of the node a host plays in a test.</summary>
public sealed record NodeName(string Name);

public sealed record LimitArgs(int Ms = 100, string? ObjectId = null);

/// <summary>Runs for a while, recording itself by queue and concurrency key.</summary>
[Worker("limits", Title = "Limits", Queue = "limited")]
public sealed class LimitWorker(ConcurrencyTracker tracker, NodeName node) : TaskWorker
{
    [Action("work")]
    public Task WorkAsync(TaskContext task, LimitArgs args, CancellationToken cancellationToken) => RunAsync(task, args, cancellationToken);

    /// <summary>One import per object at once, by the key the action declares from its data.</summary>
    [Action("import", ConcurrencyKey = "import:{object_id}")]
    public Task ImportAsync(TaskContext task, LimitArgs args, CancellationToken cancellationToken) => RunAsync(task, args, cancellationToken);

    private async Task RunAsync(TaskContext task, LimitArgs args, CancellationToken cancellationToken)
    {
        using var _ = tracker.Enter(node.Name, "queue:" + task.Task.Queue, task.Task.ConcurrencyKey is { } key ? "key:" + key : null);
        await Task.Delay(args.Ms, cancellationToken);
    }
}
