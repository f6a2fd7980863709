using System.Collections.Concurrent;

namespace Tasklane.Tests.Engine;

/// <summary>Shared notebook of what the test workers did, registered as a singleton per host.</summary>
public sealed class Journal
{
    private int _running;
    private int _maxRunning;

    public ConcurrentQueue<string> Started { get; } = new();

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>How many handlers are inside <see cref="Enter"/> now.</summary>
    public int Running => Volatile.Read(ref _running);

    public SemaphoreSlim Gate { get; } = new(0, int.MaxValue);

    public IDisposable Enter(string name)
    {
        Started.Enqueue(name);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }
        return new Exit(this);
    }

    private sealed class Exit(Journal journal) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref journal._running);
    }
}

public sealed record NamedArgs(string Name);

public sealed record HoldArgs(string Name = "hold");

[Worker("test", Title = "Test", Scope = "tests", MaxAttempts = 3)]
public sealed class TestWorker(Journal journal) : TaskWorker
{
    [Action("record")]
    public Task RecordAsync(NamedArgs args, CancellationToken cancellationToken)
    {
        using var _ = journal.Enter(args.Name);
        return Task.CompletedTask;
    }

    /// <summary>Waits for the journal's gate (or cancellation).</summary>
    [Action("hold")]
    public async Task HoldAsync(TaskContext task, HoldArgs args, CancellationToken cancellationToken)
    {
        using var _ = journal.Enter(args.Name);
        await task.LogAsync("holding");
        await journal.Gate.WaitAsync(cancellationToken);
    }

    /// <summary>Ignores cancellation until the gate opens.</summary>
    [Action("stubborn")]
    public async Task StubbornAsync(CancellationToken cancellationToken)
    {
        using var _ = journal.Enter("stubborn");
        await journal.Gate.WaitAsync(CancellationToken.None);
    }

    /// <summary>Creates one subtask running this same action, which tries to go one level deeper.</summary>
    [Action("nest", MaxAttempts = 1)]
    public async Task NestAsync(TaskContext task, CancellationToken cancellationToken) =>
        await task.CreateSubtasksAsync([new SubtaskSpec(task.Task.ParentId is null ? "outer" : "inner", "test", "nest", null) { MaxAttempts = 1 }], cancellationToken);

    [Action("slow", TimeoutSeconds = 1, MaxAttempts = 1)]
    public Task SlowAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
}

[Worker("narrow", Queue = "narrow")]
public sealed class NarrowWorker(Journal journal) : TaskWorker
{
    [Action("hold")]
    public async Task HoldAsync(HoldArgs args, CancellationToken cancellationToken)
    {
        using var _ = journal.Enter(args.Name);
        await journal.Gate.WaitAsync(cancellationToken);
    }
}
