namespace Tasklane;

/// <summary>
/// What the tasks of one create share, worked out once for the whole batch instead of once per task: the creation time,
/// the caller's trace context and its default creator, the checked worker and action of each distinct (worker, action)
/// pair, and the first log line of each creator (one string for every task created now by the same creator).
/// </summary>
/// <remarks>Lives for one call of <see cref="TaskClient.CreateManyAsync"/> (or one single create), so nothing cached in it outlives the call.</remarks>
internal sealed class CreateBatch(DateTimeOffset now, TaskCreator? defaultCreator, string? traceContext)
{
    private readonly Dictionary<(string Worker, string Action), (WorkerDescriptor Worker, ActionDescriptor Action)> _actions = [];
    private readonly Dictionary<string, string> _logMessages = new(StringComparer.Ordinal);

    /// <summary>The creation time of every task of the batch, as its one transaction has.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The creator of a task whose options name none: the current request's user, or null.</summary>
    public TaskCreator? DefaultCreator { get; } = defaultCreator;

    /// <summary>The caller's trace, read once: every task of the batch links to it.</summary>
    public string? TraceContext { get; } = traceContext;

    /// <summary>The worker and action already checked for this pair in this batch.</summary>
    public bool TryGetAction(string worker, string action, out (WorkerDescriptor Worker, ActionDescriptor Action) found) =>
        _actions.TryGetValue((worker, action), out found);

    /// <summary>Keeps the checked worker and action of a pair for the rest of the batch.</summary>
    public void AddAction(string worker, string action, WorkerDescriptor descriptor, ActionDescriptor actionDescriptor) =>
        _actions[(worker, action)] = (descriptor, actionDescriptor);

    /// <summary>The first log line of a task due now, created by <paramref name="by"/>: one instance per creator in a batch.</summary>
    public string CreatedNowBy(string by)
    {
        if (!_logMessages.TryGetValue(by, out var message))
        {
            message = $"Created by {by}";
            _logMessages[by] = message;
        }
        return message;
    }
}
