namespace Tasklane;

/// <summary>
/// Marks a method of a worker as an action. The method returns <see cref="Task"/> and takes a
/// <see cref="TaskContext"/>, optionally one arguments object deserialised from the task's JSON
/// data (snake_case), and a <see cref="CancellationToken"/> last.
/// </summary>
/// <param name="name">The action name, e.g. <c>import</c>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ActionAttribute(string name) : Attribute
{
    /// <summary>The action name.</summary>
    public string Name { get; } = name;
    /// <summary>A run-time limit in seconds (0: none). A task that runs longer fails with "timed out".</summary>
    public int TimeoutSeconds { get; set; }
    /// <summary>Overrides the worker's default attempt budget (0: the worker's).</summary>
    public int MaxAttempts { get; set; }
    /// <summary>
    /// True for an action that only runs as a subtask of another task (e.g. one step of a pipeline): it is left out
    /// of the worker's listed actions, and creating it as a top-level task (API, console, <see cref="ITaskClient"/>,
    /// a schedule) is refused with <see cref="TaskCreateError.SubtaskOnlyAction"/>.
    /// </summary>
    public bool SubtaskOnly { get; set; }
    /// <summary>
    /// The default concurrency key of the action's tasks, made from their data: <c>"import:{object_id}"</c> lets one
    /// task per <c>object_id</c> run at once across every node (see <see cref="ConcurrencyKeyTemplate"/>). A key given
    /// on create wins. Null: no default key.
    /// </summary>
    public string? ConcurrencyKey { get; set; }
    /// <summary>How many tasks with the same default key may run at once (0: 1).</summary>
    public int ConcurrencyLimit { get; set; }
}
