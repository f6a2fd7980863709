using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore;

/// <summary>
/// The task detail: the task object with <c>data</c> (as JSON), <c>subtask_counts</c> (<c>total</c> and one per state),
/// its <c>name</c>, whether it awaits subtasks, and <c>stack_trace</c> (the last failure's full exception text).
/// </summary>
internal sealed record TaskDetailDto : TaskDto
{
    public TaskDetailDto(TaskDto task, JsonNode? data, IReadOnlyDictionary<string, long> subtaskCounts, string? name, bool awaitingSubtasks, string? stackTrace)
        : base(task)
    {
        Data = data;
        SubtaskCounts = subtaskCounts;
        Name = name;
        AwaitingSubtasks = awaitingSubtasks;
        StackTrace = stackTrace;
    }

    public JsonNode? Data { get; init; }

    public IReadOnlyDictionary<string, long> SubtaskCounts { get; init; }

    public string? Name { get; init; }

    public bool AwaitingSubtasks { get; init; }

    public string? StackTrace { get; init; }
}
