namespace Tasklane.Storage;

/// <summary>
/// Groups concurrent single creates (without an idempotency key) into one transaction: the first caller writes its
/// task at once, together with whatever creates queued meanwhile; creates that arrive while a group is written wait
/// for the next group, which starts as soon as the current one has committed. One caller alone so writes its own
/// task without a hop, and N callers share one durable commit (and one multi-row insert) instead of N.
/// Every caller returns only after the commit that holds its task. A group that fails is written again one create at
/// a time when the database refused it (nothing of it was written), so a create that breaks a constraint fails alone
/// and the others land. Any other failure (a lost connection: the commit may or may not have happened) fails every
/// caller of the group, as it fails a single create, rather than risk writing a task twice.
/// </summary>
internal sealed class CreateGroups
{
    /// <summary>The most creates in one group (one multi-row insert).</summary>
    public const int MaxGroup = 500;

    private readonly Func<IReadOnlyList<CreateTaskParams>, Task<IReadOnlyList<TaskRow>>> _writeGroup;
    private readonly Func<CreateTaskParams, Task<CreateTaskResult>> _writeOne;
    private readonly Func<Exception, bool> _refused;
    private readonly Lock _lock = new();
    private readonly Queue<Waiting> _waiting = new();
    private bool _writing;
    private long _groups;

    /// <param name="writeGroup">Inserts two or more tasks in one transaction and returns their rows in order.</param>
    /// <param name="writeOne">Creates one task in a transaction of its own.</param>
    /// <param name="refused">True for an error with which the database refused the write, so that none of it was committed.</param>
    public CreateGroups(Func<IReadOnlyList<CreateTaskParams>, Task<IReadOnlyList<TaskRow>>> writeGroup, Func<CreateTaskParams, Task<CreateTaskResult>> writeOne,
        Func<Exception, bool> refused)
    {
        _writeGroup = writeGroup;
        _writeOne = writeOne;
        _refused = refused;
    }

    /// <summary>How many groups of two or more creates were committed (tests read it to see that creates were grouped).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>Creates the task in the next group; ends once that group has committed.</summary>
    public async Task<CreateTaskResult> CreateAsync(CreateTaskParams p, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiting = new Waiting(p, cancellationToken);
        bool lead;
        lock (_lock)
        {
            _waiting.Enqueue(waiting);
            lead = !_writing;
            _writing = true;
        }
        if (lead) await WriteGroupAsync();
        return await waiting.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is queued as one group, then hands the next group (if any) to the thread pool.</summary>
    private async Task WriteGroupAsync()
    {
        var group = new List<Waiting>();
        lock (_lock)
        {
            while (group.Count < MaxGroup && _waiting.TryDequeue(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested) next.Done.TrySetCanceled(next.CancellationToken);
                else group.Add(next);
            }
        }
        try
        {
            if (group.Count > 0) await WriteAsync(group);
        }
        catch (Exception ex)
        {
            // Never leave the groups stopped with callers waiting: whatever went wrong goes to this group's callers.
            foreach (var waiting in group) waiting.Done.TrySetException(ex);
        }
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                _writing = false;
                return;
            }
        }
        // The next group runs on its own, so this caller returns now; it carries none of this caller's async-local state.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(WriteGroupAsync, CancellationToken.None);
    }

    /// <summary>Writes one group; every outcome goes to its caller, nothing is thrown.</summary>
    private async Task WriteAsync(List<Waiting> group)
    {
        if (group.Count > 1)
        {
            IReadOnlyList<TaskRow>? rows = null;
            try
            {
                rows = await _writeGroup([.. group.Select(w => w.Params)]);
            }
            catch (Exception ex) when (_refused(ex))
            {
                // Rolled back as a whole: each create again in a transaction of its own, so only a faulty one fails.
            }
            catch (Exception ex)
            {
                foreach (var waiting in group) waiting.Done.TrySetException(ex);
                return;
            }
            if (rows is not null)
            {
                Interlocked.Increment(ref _groups);
                for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(new CreateTaskResult(rows[i], Created: true));
                return;
            }
        }
        foreach (var waiting in group)
        {
            try
            {
                waiting.Done.TrySetResult(await _writeOne(waiting.Params));
            }
            catch (Exception ex)
            {
                waiting.Done.TrySetException(ex);
            }
        }
    }

    private sealed record Waiting(CreateTaskParams Params, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<CreateTaskResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
