namespace Tasklane;

/// <summary>What a clone (<see cref="ITaskClient.CloneAsync"/>, "Run again") changes of the task it copies; every member is optional.</summary>
public sealed record TaskCloneOptions
{
    /// <summary>New data (serialised as <see cref="ITaskClient.CreateAsync"/> does; a string is taken as JSON already); null keeps the task's data.</summary>
    public object? Data { get; init; }
    /// <summary>When the clone becomes due; null: now.</summary>
    public DateTimeOffset? RunAt { get; init; }
    /// <summary>Another queue; null keeps the task's.</summary>
    public string? Queue { get; init; }
    /// <summary>Another priority; null keeps the task's.</summary>
    public TaskPriority? Priority { get; init; }
    /// <summary>The creator of the clone; default: the current request's user, when there is one.</summary>
    public TaskCreator? CreatedBy { get; init; }
    /// <summary>The client IP; default: the creator's.</summary>
    public string? IpAddress { get; init; }
}
