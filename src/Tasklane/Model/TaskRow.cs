namespace Tasklane;

/// <summary>One task as the store holds it.</summary>
public sealed record TaskRow
{
    /// <summary>The task's identifier.</summary>
    public long Id { get; init; }
    /// <summary>The worker identifier, e.g. <c>product</c>.</summary>
    public required string Worker { get; init; }
    /// <summary>The action of the worker, e.g. <c>import</c>.</summary>
    public required string Action { get; init; }
    /// <summary>The JSON payload given at creation.</summary>
    public string Data { get; init; } = "{}";
    /// <summary>The queue (lane) the task runs in.</summary>
    public string Queue { get; init; } = "default";
    /// <summary>Claim priority.</summary>
    public TaskPriority Priority { get; init; } = TaskPriority.Normal;
    /// <summary>Current status.</summary>
    public TaskState Status { get; init; }
    /// <summary>Percent done, 0 to 100.</summary>
    public double Progress { get; init; }
    /// <summary>The last progress message.</summary>
    public string? Message { get; init; }
    /// <summary>Items processed so far.</summary>
    public long? Processed { get; init; }
    /// <summary>Items in all.</summary>
    public long? Total { get; init; }
    /// <summary>Estimated seconds left, from the observed rate.</summary>
    public double? EtaSeconds { get; init; }
    /// <summary>How many times the task has been started.</summary>
    public int Attempt { get; init; }
    /// <summary>Attempts allowed in one automatic-retry budget.</summary>
    public int MaxAttempts { get; init; } = 1;
    /// <summary>The attempt count when the budget last started afresh (a manual retry).</summary>
    public int AttemptBase { get; init; }
    /// <summary>When the task becomes due.</summary>
    public DateTimeOffset RunAt { get; init; }
    /// <summary>The creating user's id, or null for the system.</summary>
    public long? CreatedById { get; init; }
    /// <summary>The creating user's name at creation time.</summary>
    public string? CreatedByName { get; init; }
    /// <summary>User or system work.</summary>
    public TaskCategory Category { get; init; }
    /// <summary>The client IP address of the creating request, if any.</summary>
    public string? IpAddress { get; init; }
    /// <summary>The schedule that fired this task, if any.</summary>
    public string? ScheduleId { get; init; }
    /// <summary>The parent task, for tasks created inside another.</summary>
    public long? ParentId { get; init; }
    /// <summary>The kind of object this task works on (e.g. <c>vm</c>).</summary>
    public string? ObjectType { get; init; }
    /// <summary>The id of the object this task works on.</summary>
    public string? ObjectId { get; init; }
    /// <summary>The key that makes creation idempotent.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>The task's tags, as given at creation (the list's <c>tag=</c> filter).</summary>
    public IReadOnlyList<string> Tags { get => _tags; init => _tags = ValueList<string>.Of(value); }
    private readonly ValueList<string> _tags = ValueList<string>.Empty;
    /// <summary>The objects the task belongs to; the first is <see cref="ObjectType"/>/<see cref="ObjectId"/>.</summary>
    public IReadOnlyList<TaskLink> Links { get => _links; init => _links = ValueList<TaskLink>.Of(value); }
    private readonly ValueList<TaskLink> _links = ValueList<TaskLink>.Empty;
    /// <summary>The task this one is a clone of ("Run again"), if any.</summary>
    public long? ClonedFrom { get; init; }
    /// <summary>The error message of the last failure.</summary>
    public string? Error { get; init; }
    /// <summary>The stack trace of the last failure.</summary>
    public string? StackTrace { get; init; }
    /// <summary>The result file, if the handler saved one.</summary>
    public TaskArtifact? Artifact { get; init; }
    /// <summary>Optional run-time limit in seconds.</summary>
    public int? TimeoutSeconds { get; init; }
    /// <summary>When the task was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the current or last attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>When the task reached a final status.</summary>
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>True once cancellation of a running task was asked for.</summary>
    public bool CancelRequested { get; init; }
    /// <summary>The node that holds the lease while running.</summary>
    public string? LeaseOwner { get; init; }
    /// <summary>When the lease runs out unless renewed.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>A subtask's name, unique among its siblings.</summary>
    public string? Name { get; init; }
    /// <summary>A subtask's response code (set by its handler, else 200 on success and 500 on failure).</summary>
    public int? ResponseCode { get; init; }
    /// <summary>A subtask's response message.</summary>
    public string? ResponseMessage { get; init; }
    /// <summary>True while a task whose handler has returned waits for its subtasks.</summary>
    public bool AwaitingSubtasks { get; init; }
    /// <summary>
    /// The W3C trace context of the code that created the task (<c>traceparent</c>, then a space and the
    /// <c>tracestate</c> when there is one), or null. Only the rows a claim returns carry it (null in every other
    /// read): it is what an execution links its activity to, and nothing else needs it.
    /// </summary>
    public string? TraceContext { get; init; }
    /// <summary>
    /// At most <see cref="ConcurrencyLimit"/> tasks with this key run at once across every node; null for none
    /// (docs/queues.md).
    /// </summary>
    public string? ConcurrencyKey { get; init; }
    /// <summary>How many tasks with <see cref="ConcurrencyKey"/> may run at once (1 unless given).</summary>
    public int ConcurrencyLimit { get; init; } = 1;

    /// <summary>True when no automatic attempt is left in the current budget.</summary>
    public bool AttemptsExhausted => Attempt - AttemptBase >= MaxAttempts;

    /// <summary>True for completed, failed and cancelled.</summary>
    public bool IsFinal => Status is TaskState.Completed or TaskState.Failed or TaskState.Cancelled;
}
