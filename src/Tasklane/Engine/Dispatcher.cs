using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// Claims due tasks in batches and hands them to the executor. While handlers are short (see <see cref="ClaimAhead"/>),
/// a claim also takes up to one more round of tasks into a small local buffer, started the moment a slot frees, so that
/// one claim serves many completions; slow handlers get no buffer, so a node never sits on work another node could run.
/// On a store that joins them (<see cref="ITaskStore.JoinsCompleteAndClaim"/>), the completer claims with each batch of
/// outcomes it writes, through <see cref="IClaimJoiner"/>. Two claims may run at once, the dispatcher's and the
/// completer's: each reserves the room it may fill (free slots and buffer) when it begins, so that together they never
/// take more than the slots and one round ahead, and neither waits for the other's round trip.
/// </summary>
internal sealed partial class Dispatcher(
    ITaskStore store,
    WorkerRegistry registry,
    RunningTasks running,
    Executor executor,
    Completer completer,
    TaskSignal signal,
    ITaskNotifier notifier,
    ITaskSettingsProvider settings,
    IOptions<TasklaneOptions> options,
    TimeProvider time,
    ILogger<Dispatcher> logger) : IClaimJoiner
{
    /// <summary>Handlers that run shorter than this on average make the node claim ahead.</summary>
    private static readonly TimeSpan ShortHandler = TimeSpan.FromMilliseconds(50);

    private readonly HashSet<Task> _executions = [];
    private readonly List<BufferedTask> _buffer = [];
    private readonly Lock _lock = new();
    /// <summary>One permit for the dispatcher's claim, one for the completer's; stopping takes both.</summary>
    private readonly SemaphoreSlim _claimGate = new(2, 2);
    private int _reserved; // room the claims in flight may fill (under _lock)
    private volatile bool _joined;
    private CancellationToken _claimToken = new(canceled: true);
    private CancellationToken _shutdownToken;
    private int _maxConcurrent = 1;
    private double _averageTicks = -1; // unknown until a handler has run: no claiming ahead before then

    /// <summary>The handlers started and not yet finished (each one leaves the set as it finishes).</summary>
    public Task[] Executions
    {
        get { lock (_executions) return [.. _executions]; }
    }

    /// <summary>How many tasks wait in the buffer.</summary>
    public int BufferedCount
    {
        get { lock (_lock) return _buffer.Count; }
    }

    /// <param name="claimToken">Stops claiming, and starting buffered tasks (they are released at shutdown).</param>
    /// <param name="shutdownToken">Fires the running handlers' tokens (after the grace period).</param>
    public async Task RunAsync(CancellationToken claimToken, CancellationToken shutdownToken)
    {
        _claimToken = claimToken;
        _shutdownToken = shutdownToken;
        _joined = store.JoinsCompleteAndClaim;
        if (_joined) completer.JoinClaims(this);
        try
        {
            await LoopAsync(claimToken);
        }
        finally
        {
            // A claim the completer has begun ends before the engine counts what this node holds (to release it); one it
            // begins from now on sees the cancelled token and claims nothing.
            completer.JoinClaims(null);
            await _claimGate.WaitAsync(CancellationToken.None);
            await _claimGate.WaitAsync(CancellationToken.None);
            _claimGate.Release(2);
        }
    }

    private async Task LoopAsync(CancellationToken claimToken)
    {
        var o = options.Value;
        var failures = 0;
        var woken = true; // the first round claims
        while (!claimToken.IsCancellationRequested)
        {
            var wait = o.PollInterval;
            try
            {
                if (!woken && failures == 0 && await NothingDueAsync(claimToken) is { } idle)
                {
                    // A poll round with nothing due: one read instead of a claim (a write on SQLite), so an idle node
                    // costs next to nothing; it sleeps until the earliest pending task is due, at most the idle poll.
                    // Wake-ups (a create, a freed slot, a notification) always claim.
                    woken = await signal.WaitAsync(idle, claimToken);
                    continue;
                }
                var (claimed, full) = await ClaimOnceAsync(claimToken);
                failures = 0;
                if (claimed > 0 && !full) continue; // there may be more due: claim again at once
                if (!full)
                {
                    var next = await store.NextDueAsync(time.GetUtcNow(), claimToken);
                    if (next is { } due)
                    {
                        var until = due - time.GetUtcNow();
                        if (until < wait) wait = until < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : until;
                    }
                }
            }
            catch (OperationCanceledException) when (claimToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                if (failures == 1) LogClaimFailed(ex);
                wait = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, failures), 10_000));
            }
            try
            {
                woken = await signal.WaitAsync(wait, claimToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Null when a pending task is due now (claim); otherwise how long to sleep: until the earliest pending one is due,
    /// at most <see cref="IdlePoll"/>. Tasks nobody announced (another process on the same SQLite file, a lost
    /// notification) are found by this poll.
    /// </summary>
    private async Task<TimeSpan?> NothingDueAsync(CancellationToken cancellationToken)
    {
        // NextDueAsync gives the earliest run_at after the time it is given: from the epoch, that is every pending task.
        var earliest = await store.NextDueAsync(DateTimeOffset.UnixEpoch, cancellationToken);
        var poll = IdlePoll;
        if (earliest is not { } due) return poll;
        var until = due - time.GetUtcNow();
        if (until <= TimeSpan.Zero) return null;
        return until < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : until < poll ? until : poll;
    }

    /// <summary>
    /// The longest an idle dispatcher sleeps between two looks: <see cref="TasklaneOptions.FallbackPollInterval"/> when
    /// the notifier reaches every process sharing the store (a create anywhere wakes this node, so the look only
    /// covers a lost notification), else <see cref="TasklaneOptions.PollInterval"/> (another process's tasks on the
    /// same SQLite file are found only by looking).
    /// </summary>
    private TimeSpan IdlePoll
    {
        get
        {
            var o = options.Value;
            return notifier.ReachesOtherProcesses && o.FallbackPollInterval > o.PollInterval ? o.FallbackPollInterval : o.PollInterval;
        }
    }

    /// <summary>How many tasks a node may hold beyond its <paramref name="limit"/> slots: one more round while handlers are short, none otherwise.</summary>
    private int ClaimAhead(int limit) =>
        options.Value.ClaimAhead && _averageTicks >= 0 && _averageTicks < ShortHandler.Ticks ? Math.Min(limit, 100) : 0;

    /// <summary>Claims what fits in the free slots and the buffer; full when nothing more fits.</summary>
    private async Task<(int Claimed, bool Full)> ClaimOnceAsync(CancellationToken claimToken)
    {
        await _claimGate.WaitAsync(claimToken);
        try
        {
            var (claim, capacity) = await PrepareClaimAsync(claimToken);
            if (claim is null) return (0, true);
            IReadOnlyList<TaskRow> tasks = [];
            try
            {
                tasks = await store.ClaimAsync(claim, claimToken);
            }
            finally
            {
                Take(tasks, claim.Limit);
            }
            StartWhatFits();
            return (tasks.Count, tasks.Count >= capacity);
        }
        finally
        {
            _claimGate.Release();
        }
    }

    /// <summary>
    /// The next claim: what fits in the free slots and the buffer, less what the other claim in flight may bring; none
    /// when nothing fits. The room it takes stays reserved until <see cref="Take"/>.
    /// </summary>
    private async Task<(ClaimParams? Claim, int Capacity)> PrepareClaimAsync(CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        Volatile.Write(ref _maxConcurrent, current.TaskMaxConcurrent);
        int capacity;
        lock (_lock)
        {
            capacity = current.TaskMaxConcurrent + ClaimAhead(current.TaskMaxConcurrent) - running.Held - _reserved;
            if (capacity <= 0) return (null, 0);
            _reserved += capacity;
        }
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (queue, limit) in options.Value.Queues)
        {
            // A queue with a limit of its own is never claimed ahead: at most that many of its tasks are running.
            slots[queue] = Math.Max(0, limit - running.HeldInQueue(queue));
        }
        var now = time.GetUtcNow();
        return (new ClaimParams
        {
            NodeId = options.Value.NodeId,
            Now = now,
            LeaseExpiresAt = now.AddSeconds(current.LeaseSeconds),
            Limit = capacity,
            Workers = registry.Identifiers,
            QueueSlots = slots,
        }, capacity);
    }

    /// <summary>Holds claimed tasks (leased to this node) in the buffer, in claim order, and gives back the room their claim reserved.</summary>
    private void Take(IReadOnlyList<TaskRow> tasks, int reserved)
    {
        lock (_lock)
        {
            foreach (var task in tasks) _buffer.Add(new BufferedTask(task, running.Add(task.Id, task.Queue)));
            _reserved -= reserved;
        }
    }

    /// <inheritdoc />
    public async Task<ClaimParams?> BeginJoinedClaimAsync(CancellationToken cancellationToken)
    {
        if (_claimToken.IsCancellationRequested || !_claimGate.Wait(0, CancellationToken.None)) return null;
        try
        {
            // Checked again inside the gate: the dispatcher, stopping, takes the gate once after its token is cancelled.
            var claim = _claimToken.IsCancellationRequested ? null : (await PrepareClaimAsync(cancellationToken)).Claim;
            if (claim is null) _claimGate.Release();
            return claim;
        }
        catch
        {
            _claimGate.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public void EndJoinedClaim(ClaimParams claim, IReadOnlyList<TaskRow> claimed)
    {
        Take(claimed, claim.Limit);
        _claimGate.Release();
        StartWhatFits();
    }

    /// <summary>Starts buffered tasks, in claim order, while slots are free (the node's and their queue's).</summary>
    private void StartWhatFits()
    {
        var started = new List<BufferedTask>();
        lock (_lock)
        {
            if (_claimToken.IsCancellationRequested) return;
            var max = Volatile.Read(ref _maxConcurrent);
            for (var i = 0; i < _buffer.Count && running.Count < max;)
            {
                var item = _buffer[i];
                if (options.Value.Queues.TryGetValue(item.Task.Queue, out var limit) && running.CountInQueue(item.Task.Queue) >= limit)
                {
                    i++;
                    continue;
                }
                _buffer.RemoveAt(i);
                running.Start(item.Task.Id);
                started.Add(item);
            }
        }
        foreach (var item in started) Launch(item);
    }

    private void Launch(BufferedTask item)
    {
        var shutdownToken = _shutdownToken;
        var clock = Stopwatch.StartNew();
        var execution = Task.Run(() => executor.RunAsync(item.Task, item.Cancellation, options.Value.NodeId, shutdownToken), CancellationToken.None);
        lock (_executions) _executions.Add(execution);
        // Registered after the add, so the removal can never run before it.
        _ = execution.ContinueWith(done => Finished(done, clock.Elapsed), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Finished(Task execution, TimeSpan took)
    {
        lock (_executions) _executions.Remove(execution);
        lock (_lock) _averageTicks = _averageTicks < 0 ? took.Ticks : (_averageTicks * 0.9) + (took.Ticks * 0.1);
        StartWhatFits();
        // Top the buffer up once half of it is used (at once when there is none), not after every task; tasks a claim in
        // flight may bring count as buffered. Joined without a buffer (slow handlers), the completer's claim with this
        // task's outcome fills the slot. Joined with one, the dispatcher claims while the completer writes, so slots are
        // not left idle for the completer's round trip.
        var ahead = ClaimAhead(Volatile.Read(ref _maxConcurrent));
        if (_joined && ahead == 0) return;
        int coming;
        lock (_lock) coming = _buffer.Count + _reserved;
        if (coming <= ahead / 2) signal.Wake();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming tasks failed; retrying with backoff")]
    private partial void LogClaimFailed(Exception ex);

    private sealed record BufferedTask(TaskRow Task, CancellationTokenSource Cancellation);
}
