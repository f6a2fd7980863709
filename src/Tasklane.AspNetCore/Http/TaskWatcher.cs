using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>
/// What every open live view of a task waits on: one loop per process reads all watched tasks with one query per tick
/// (<see cref="ITaskStore.WatchTasksAsync"/>) and wakes only the views whose task changed or got log lines. So the
/// cost of a tick does not grow with the number of open event streams, and a change made on another node is seen at
/// the next tick as well. The loop runs only while someone watches.
/// </summary>
internal sealed partial class TaskWatcher(ITaskStore store, TimeProvider time, ILogger<TaskWatcher> logger)
{
    /// <summary>How often the watched tasks are read.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<long, Watch> _watches = new();
    private readonly Lock _loopLock = new();
    private Task? _loop;
    private long _queries;

    /// <summary>How many store queries the loop has made (tests read it).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>
    /// The task's state once it differs from <paramref name="seen"/> (any state when <paramref name="seenAny"/> is
    /// false): the task, or null when it was deleted.
    /// </summary>
    public async Task<WatchedTask?> NextAsync(long taskId, WatchedTask? seen, bool seenAny, CancellationToken cancellationToken)
    {
        var watch = Join(taskId);
        try
        {
            EnsureLoop();
            while (true)
            {
                var (known, task, changed) = watch.Read();
                if (known && !(seenAny && Equals(task, seen))) return task;
                await changed.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            Leave(taskId, watch);
        }
    }

    private Watch Join(long taskId)
    {
        while (true)
        {
            var watch = _watches.GetOrAdd(taskId, _ => new Watch());
            lock (watch.Gate)
            {
                // A watch that its last viewer has just removed is not used again.
                if (!watch.Removed)
                {
                    watch.Viewers++;
                    return watch;
                }
            }
        }
    }

    private void Leave(long taskId, Watch watch)
    {
        lock (watch.Gate)
        {
            if (--watch.Viewers > 0) return;
            watch.Removed = true;
            _watches.TryRemove(new KeyValuePair<long, Watch>(taskId, watch));
        }
    }

    private void EnsureLoop()
    {
        lock (_loopLock)
        {
            if (_loop is { IsCompleted: false }) return;
            using (ExecutionContext.SuppressFlow()) _loop = Task.Run(LoopAsync, CancellationToken.None);
        }
    }

    private async Task LoopAsync()
    {
        var failing = false;
        while (true)
        {
            lock (_loopLock)
            {
                // Nobody watches: the loop ends; the next viewer starts it again.
                if (_watches.IsEmpty)
                {
                    _loop = null;
                    return;
                }
            }
            try
            {
                var ids = _watches.Keys.ToList();
                Interlocked.Increment(ref _queries);
                var found = (await store.WatchTasksAsync(ids, CancellationToken.None)).ToDictionary(w => w.Task.Id);
                foreach (var id in ids)
                {
                    if (_watches.TryGetValue(id, out var watch)) watch.Publish(found.GetValueOrDefault(id));
                }
                failing = false;
            }
            catch (Exception ex)
            {
                if (!failing) LogReadFailed(ex);
                failing = true;
            }
            await Task.Delay(Tick, time, CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the watched tasks failed; the live views wait for the next tick")]
    private partial void LogReadFailed(Exception ex);

    /// <summary>The latest state of one task (null: deleted), once read, and the signal of its next change.</summary>
    private sealed class Watch
    {
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WatchedTask? _task;
        private bool _known;

        public Lock Gate { get; } = new();

        public int Viewers { get; set; }

        public bool Removed { get; set; }

        public (bool Known, WatchedTask? Task, Task Changed) Read()
        {
            lock (Gate) return (_known, _task, _changed.Task);
        }

        public void Publish(WatchedTask? task)
        {
            TaskCompletionSource changed;
            lock (Gate)
            {
                if (_known && Equals(task, _task)) return;
                _task = task;
                _known = true;
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            changed.TrySetResult();
        }
    }
}
