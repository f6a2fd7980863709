namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/tasks/batch</c>: the create bodies of 1 to <see cref="MaxTasks"/> tasks.</summary>
internal sealed record CreateTaskBatchRequest
{
    /// <summary>The most tasks one batch takes.</summary>
    public const int MaxTasks = 1000;

    public IReadOnlyList<CreateTaskRequest?>? Tasks { get; init; }
}
