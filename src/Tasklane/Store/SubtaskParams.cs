namespace Tasklane;

/// <summary>One subtask to create with its dependencies on siblings.</summary>
public sealed record SubtaskParams
{
    /// <summary>The subtask as a task (its <see cref="CreateTaskParams.ParentId"/> and <see cref="CreateTaskParams.Name"/> set).</summary>
    public required CreateTaskParams Task { get; init; }
    /// <summary>Dependencies on subtasks earlier in the same batch, by index.</summary>
    public IReadOnlyList<int> DependsOnIndexes { get; init; } = [];
    /// <summary>Dependencies on siblings that exist already, by id.</summary>
    public IReadOnlyList<long> DependsOnIds { get; init; } = [];
}
