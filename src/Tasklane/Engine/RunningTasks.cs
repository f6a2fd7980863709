using System.Collections.Concurrent;

namespace Tasklane;

/// <summary>The tasks running on this node, with the means to cancel each one.</summary>
internal sealed class RunningTasks
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    public int Count => _entries.Count;

    public IReadOnlyList<long> Ids => [.. _entries.Keys];

    public int CountInQueue(string queue) => _entries.Values.Count(e => e.Queue == queue);

    public CancellationTokenSource Add(long taskId, string queue)
    {
        var cts = new CancellationTokenSource();
        _entries[taskId] = new Entry(queue, cts);
        return cts;
    }

    public void Remove(long taskId)
    {
        if (_entries.TryRemove(taskId, out var entry)) entry.Cancellation.Dispose();
    }

    /// <summary>Fires the task's token when it runs here; false when it does not.</summary>
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
    }
}
