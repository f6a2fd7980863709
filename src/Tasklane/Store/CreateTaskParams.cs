namespace Tasklane;

/// <summary>Everything needed to insert one task.</summary>
public sealed record CreateTaskParams
{
    /// <summary>The worker identifier.</summary>
    public required string Worker { get; init; }
    /// <summary>The action name.</summary>
    public required string Action { get; init; }
    /// <summary>The JSON payload, already validated.</summary>
    public required string Data { get; init; }
    /// <summary>The queue.</summary>
    public required string Queue { get; init; }
    /// <summary>The priority.</summary>
    public TaskPriority Priority { get; init; }
    /// <summary>The attempt budget.</summary>
    public int MaxAttempts { get; init; }
    /// <summary>When it becomes due.</summary>
    public DateTimeOffset RunAt { get; init; }
    /// <summary>Optional run-time limit.</summary>
    public int? TimeoutSeconds { get; init; }
    /// <summary>The creator's id, or null for the system.</summary>
    public long? CreatedById { get; init; }
    /// <summary>The creator's name.</summary>
    public string? CreatedByName { get; init; }
    /// <summary>User or system work.</summary>
    public TaskCategory Category { get; init; }
    /// <summary>The client IP, if created over HTTP.</summary>
    public string? IpAddress { get; init; }
    /// <summary>The schedule that fired it.</summary>
    public string? ScheduleId { get; init; }
    /// <summary>The parent task.</summary>
    public long? ParentId { get; init; }
    /// <summary>Object kind.</summary>
    public string? ObjectType { get; init; }
    /// <summary>Object id.</summary>
    public string? ObjectId { get; init; }
    /// <summary>Tags, checked and without duplicates.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Links, the first being the object (<see cref="ObjectType"/>/<see cref="ObjectId"/>) when there is one.</summary>
    public IReadOnlyList<TaskLink> Links { get; init; } = [];
    /// <summary>The task this one clones.</summary>
    public long? ClonedFrom { get; init; }
    /// <summary>Idempotency key: a second create with the same key returns the first task.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>Creation time.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>A subtask's name (unique among its siblings).</summary>
    public string? Name { get; init; }
    /// <summary>
    /// The W3C trace context of the creating code (<c>traceparent</c>, then a space and the <c>tracestate</c> when
    /// there is one), or null; stored with the task so that its execution links to that trace.
    /// </summary>
    public string? TraceContext { get; init; }
    /// <summary>At most <see cref="ConcurrencyLimit"/> tasks with this key run at once across every node; null for none.</summary>
    public string? ConcurrencyKey { get; init; }
    /// <summary>How many tasks with <see cref="ConcurrencyKey"/> may run at once (at least 1).</summary>
    public int ConcurrencyLimit { get; init; } = 1;
    /// <summary>The first log line ("Created ...").</summary>
    public required string LogMessage { get; init; }
}

/// <summary>The result of a create: the task, and whether it is new or an idempotent repeat.</summary>
/// <param name="Task">The stored task.</param>
/// <param name="Created">False when the idempotency key matched an existing task.</param>
public sealed record CreateTaskResult(TaskRow Task, bool Created);
