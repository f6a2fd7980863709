namespace Tasklane;

/// <summary>
/// What a worker made of delegates declares beside its handlers (see <see cref="TasklaneBuilder.AddWorker(string, string, Delegate, WorkerActionOptions?)"/>):
/// the worker's metadata, as <see cref="WorkerAttribute"/> gives it to a class, and the action's limits, as <see cref="ActionAttribute"/> does.
/// The worker's members may be set on any of its actions; two actions that set one differently are refused at start.
/// </summary>
public sealed record WorkerActionOptions
{
    /// <summary>The worker's title (default: its identifier).</summary>
    public string? Title { get; init; }
    /// <summary>The module or package the worker belongs to.</summary>
    public string? Scope { get; init; }
    /// <summary>What the worker does.</summary>
    public string? Description { get; init; }
    /// <summary>An icon name for the console.</summary>
    public string? Icon { get; init; }
    /// <summary>The worker's default queue (default: <c>default</c>).</summary>
    public string? Queue { get; init; }
    /// <summary>The action's run-time limit in seconds (0: none).</summary>
    public int TimeoutSeconds { get; init; }
    /// <summary>The action's attempt budget (0: the worker's default of 3).</summary>
    public int MaxAttempts { get; init; }
    /// <summary>True for an action that only runs as a subtask; see <see cref="ActionAttribute.SubtaskOnly"/>.</summary>
    public bool SubtaskOnly { get; init; }
    /// <summary>The action's default concurrency key from its data, e.g. <c>"import:{object_id}"</c>; see <see cref="ActionAttribute.ConcurrencyKey"/>.</summary>
    public string? ConcurrencyKey { get; init; }
    /// <summary>How many tasks with the same default key may run at once (0: 1).</summary>
    public int ConcurrencyLimit { get; init; }
}
