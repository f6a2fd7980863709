using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// Tasks created inside an application's transaction exist only once it commits, which Tasklane is not told of. This
/// watcher looks for them on the store's own connections (which see committed rows only), first after a few
/// milliseconds and then less often, up to once a second for <see cref="Window"/>: when they appear it counts them as
/// created and wakes this node's dispatcher; tasks of a transaction that rolled back never appear and are forgotten
/// after the window (the dispatcher's poll finds any that commit later). One loop serves every open transaction, with
/// one query per look.
/// </summary>
internal sealed partial class CommitWatcher(ITaskStore store, TaskSignal signal, TasklaneMetrics metrics, TimeProvider time, ILogger<CommitWatcher> logger)
{
    /// <summary>How long the tasks of one transaction are looked for.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<long, (TaskRow Row, DateTimeOffset Until)> _pending = [];
    private readonly SemaphoreSlim _kick = new(0, 1);
    private bool _running;
    private bool _failing;

    /// <summary>How many tasks are looked for now.</summary>
    public int Watched
    {
        get { lock (_lock) return _pending.Count; }
    }

    /// <summary>Looks for <paramref name="tasks"/> until they appear or the window ends; returns at once.</summary>
    public void Watch(IReadOnlyList<TaskRow> tasks)
    {
        if (tasks.Count == 0) return;
        lock (_lock)
        {
            var until = time.GetUtcNow() + Window;
            foreach (var task in tasks) _pending[task.Id] = (task, until);
            if (!_running)
            {
                _running = true;
                // The loop outlives the caller: it must not carry the caller's async-local state (its activity).
                using (ExecutionContext.SuppressFlow()) _ = Task.Run(LoopAsync, CancellationToken.None);
                return;
            }
        }
        if (_kick.CurrentCount == 0)
        {
            try { _kick.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    private async Task LoopAsync()
    {
        var pause = FirstPause;
        while (true)
        {
            // A new transaction starts the pauses short again, without holding up the look that is due.
            var kicked = await _kick.WaitAsync(pause);
            long[] ids;
            lock (_lock) ids = [.. _pending.Keys];
            IReadOnlyList<WatchedTask> seen = [];
            try
            {
                seen = await store.WatchTasksAsync(ids, CancellationToken.None);
                _failing = false;
            }
            catch (Exception ex)
            {
                if (!_failing) LogLookFailed(ex);
                _failing = true;
            }
            var committed = new List<TaskRow>();
            var done = false;
            lock (_lock)
            {
                foreach (var watched in seen)
                {
                    // An id of a rolled-back task may be taken again by another task: the same worker and action is this one.
                    if (_pending.TryGetValue(watched.Task.Id, out var entry)
                        && entry.Row.Worker == watched.Task.Worker && entry.Row.Action == watched.Task.Action)
                    {
                        _pending.Remove(watched.Task.Id);
                        committed.Add(entry.Row);
                    }
                }
                var now = time.GetUtcNow();
                foreach (var (id, entry) in _pending.Where(p => p.Value.Until <= now).ToList()) _pending.Remove(id);
                if (_pending.Count == 0)
                {
                    _running = false;
                    done = true;
                }
            }
            if (committed.Count > 0)
            {
                foreach (var task in committed) metrics.Created(task);
                signal.Wake();
            }
            if (done) return;
            pause = kicked ? FirstPause : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for tasks created in an application transaction failed; the dispatcher's poll will find them")]
    private partial void LogLookFailed(Exception ex);
}
