namespace Tasklane;

/// <summary>Options for creating a task; every member is optional.</summary>
public sealed record TaskOptions
{
    /// <summary>The most tags a task has.</summary>
    public const int MaxTags = 20;
    /// <summary>The longest tag.</summary>
    public const int MaxTagLength = 64;
    /// <summary>The most links a task has (its object included).</summary>
    public const int MaxLinks = 20;

    /// <summary>Claim priority (default normal).</summary>
    public TaskPriority Priority { get; init; } = TaskPriority.Normal;
    /// <summary>The queue (default: the worker's queue).</summary>
    public string? Queue { get; init; }
    /// <summary>The attempt budget (default: the action's or the worker's).</summary>
    public int? MaxAttempts { get; init; }
    /// <summary>Run no earlier than this (default: now).</summary>
    public DateTimeOffset? RunAt { get; init; }
    /// <summary>A second create with the same key returns the first task instead of a duplicate.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>The kind of object the task works on.</summary>
    public string? ObjectType { get; init; }
    /// <summary>The id of that object.</summary>
    public string? ObjectId { get; init; }
    /// <summary>
    /// Tags (at most <see cref="MaxTags"/>, each 1–<see cref="MaxTagLength"/> characters without control characters);
    /// a list's <c>tag=</c> filter finds them. Duplicates are dropped.
    /// </summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>
    /// The objects the task belongs to (at most <see cref="MaxLinks"/>, each with a type and an id of 1–200
    /// characters). <see cref="ObjectType"/>/<see cref="ObjectId"/>, when given, is the first link; without them the
    /// first link becomes the task's object.
    /// </summary>
    public IReadOnlyList<TaskLink>? Links { get; init; }
    /// <summary>The task this one clones (set by <see cref="ITaskClient.CloneAsync"/>).</summary>
    public long? ClonedFrom { get; init; }
    /// <summary>User or system work (default user).</summary>
    public TaskCategory Category { get; init; } = TaskCategory.User;
    /// <summary>The creator; default: the current request's user, when there is one.</summary>
    public TaskCreator? CreatedBy { get; init; }
    /// <summary>The client IP; default: the current request's, when there is one.</summary>
    public string? IpAddress { get; init; }
    /// <summary>The schedule that fires the task.</summary>
    public string? ScheduleId { get; init; }
    /// <summary>The parent task.</summary>
    public long? ParentId { get; init; }
    /// <summary>
    /// At most <see cref="ConcurrencyLimit"/> tasks with this key run at once, across every node; the others wait,
    /// pending, for a slot (default: the action's declared key, see <see cref="ActionAttribute.ConcurrencyKey"/>; none
    /// when the action declares none).
    /// </summary>
    public string? ConcurrencyKey { get; init; }
    /// <summary>How many tasks with <see cref="ConcurrencyKey"/> may run at once (default: the action's, else 1).</summary>
    public int? ConcurrencyLimit { get; init; }
}
