using System.Collections.Concurrent;

namespace Tasklane;

/// <summary>
/// The tasks this node holds a lease on, with the means to cancel each one: those executing, and those claimed ahead
/// that wait in the dispatcher's buffer for a free slot.
/// </summary>
internal sealed class RunningTasks(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private int _executing;

    /// <summary>Woken when the node goes from holding no task to holding one (the idle heartbeat waits on it).</summary>
    public TaskSignal FirstHeld { get; } = new(time);

    /// <summary>How many handlers are executing (the slots in use).</summary>
    public int Count => Volatile.Read(ref _executing);

    /// <summary>How many tasks this node holds, executing or waiting in the buffer.</summary>
    public int Held => _entries.Count;

    /// <summary>Every task this node holds, executing or waiting in the buffer.</summary>
    public IReadOnlyList<long> Ids => [.. _entries.Keys];

    /// <summary>How many tasks of <paramref name="queue"/> are executing.</summary>
    public int CountInQueue(string queue) => _entries.Values.Count(e => e.Queue == queue && e.Executing);

    /// <summary>How many tasks of <paramref name="queue"/> this node holds, executing or waiting.</summary>
    public int HeldInQueue(string queue) => _entries.Values.Count(e => e.Queue == queue);

    /// <summary>Registers a claimed task, not yet executing.</summary>
    public CancellationTokenSource Add(long taskId, string queue)
    {
        var cts = new CancellationTokenSource();
        var wasEmpty = _entries.IsEmpty;
        _entries[taskId] = new Entry(queue, cts);
        if (wasEmpty) FirstHeld.Wake();
        return cts;
    }

    /// <summary>The task takes a slot: its handler starts now.</summary>
    public void Start(long taskId)
    {
        if (_entries.TryGetValue(taskId, out var entry) && !entry.Executing)
        {
            entry.Executing = true;
            Interlocked.Increment(ref _executing);
        }
    }

    public void Remove(long taskId)
    {
        if (!_entries.TryRemove(taskId, out var entry)) return;
        if (entry.Executing) Interlocked.Decrement(ref _executing);
        entry.Cancellation.Dispose();
    }

    /// <summary>Fires the task's token when it is held here; false when it is not.</summary>
    public bool RequestCancel(long taskId)
    {
        if (!_entries.TryGetValue(taskId, out var entry)) return false;
        entry.CancelRequested = true;
        try { entry.Cancellation.Cancel(); }
        catch (ObjectDisposedException) { return false; }
        return true;
    }

    public bool IsCancelRequested(long taskId) => _entries.TryGetValue(taskId, out var e) && e.CancelRequested;

    private sealed class Entry(string queue, CancellationTokenSource cancellation)
    {
        public string Queue { get; } = queue;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public volatile bool CancelRequested;
        public volatile bool Executing;
    }
}
