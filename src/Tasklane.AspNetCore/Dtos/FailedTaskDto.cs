namespace Tasklane.AspNetCore;

/// <summary>A failed task of <c>/api/failed-tasks</c>: the task object with <c>stack_trace</c> and the store's driver name.</summary>
internal sealed record FailedTaskDto : TaskDto
{
    public FailedTaskDto(TaskDto task, string? stackTrace, string store)
        : base(task)
    {
        StackTrace = stackTrace;
        Store = store;
    }

    public string? StackTrace { get; init; }

    public string Store { get; init; }
}
