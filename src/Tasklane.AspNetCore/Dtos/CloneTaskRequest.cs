using System.Text.Json;

namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/tasks/:id/clone</c>; every field is optional and replaces the task's.</summary>
internal sealed record CloneTaskRequest
{
    public JsonElement? Data { get; init; }
    public DateTimeOffset? RunAt { get; init; }
    public string? Queue { get; init; }
    public TaskPriority? Priority { get; init; }
}
