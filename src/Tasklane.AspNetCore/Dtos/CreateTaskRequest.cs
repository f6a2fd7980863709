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
    public string? ConcurrencyKey { get; init; }
    public int? ConcurrencyLimit { get; init; }
    public List<string>? Tags { get; init; }
    public List<TaskLink>? Links { get; init; }

    /// <summary>The create options of this body, for <paramref name="creator"/>.</summary>
    public TaskOptions ToOptions(TaskCreator creator) => new()
    {
        Queue = Queue,
        Priority = Priority ?? TaskPriority.Normal,
        MaxAttempts = MaxAttempts,
        RunAt = RunAt,
        IdempotencyKey = IdempotencyKey,
        ObjectType = ObjectType,
        ObjectId = ObjectId,
        ConcurrencyKey = ConcurrencyKey,
        ConcurrencyLimit = ConcurrencyLimit,
        Tags = Tags,
        Links = Links,
        CreatedBy = creator,
        IpAddress = creator.IpAddress,
    };
}
