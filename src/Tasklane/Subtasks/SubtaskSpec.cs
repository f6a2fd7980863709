namespace Tasklane;

/// <summary>One step a handler creates inside its task: a worker action with data, after the steps it depends on.</summary>
/// <param name="Name">Unique among the task's subtasks; dependencies refer to it.</param>
/// <param name="Worker">The worker (any registered one).</param>
/// <param name="Action">The action.</param>
/// <param name="Data">The data, checked against the action's arguments like any task's.</param>
public sealed record SubtaskSpec(string Name, string Worker, string Action, object? Data = null)
{
    /// <summary>Names of sibling subtasks that must complete before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    /// <summary>The kind of object this step works on.</summary>
    public string? ObjectType { get; init; }
    /// <summary>The id of that object.</summary>
    public string? ObjectId { get; init; }
    /// <summary>The attempt budget (default: the action's or worker's).</summary>
    public int? MaxAttempts { get; init; }
}
