using System.Text.Json;

namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/tasks</c>.</summary>
internal sealed record CreateTaskRequest
{
    public string? Worker { get; init; }
    public string? Action { get; init; }
    public JsonElement? Data { get; init; }
    public string? Queue { get; init; }
    public TaskPriority? Priority { get; init; }
    public int? MaxAttempts { get; init; }
    public DateTimeOffset? RunAt { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? ObjectType { get; init; }
    public string? ObjectId { get; init; }
}
