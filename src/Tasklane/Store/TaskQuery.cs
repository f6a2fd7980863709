namespace Tasklane;

/// <summary>A page of the task list with filters; every filter is optional.</summary>
public sealed record TaskQuery
{
    /// <summary>Page number from 1; ignored when <see cref="AfterId"/> is set.</summary>
    public int Current { get; init; } = 1;
    /// <summary>
    /// A keyset cursor: the page that follows the task with this id in the list's order (the last id of the
    /// previous page). Costs the same on every page, however deep, where <see cref="Current"/> skips rows.
    /// </summary>
    public long? AfterId { get; init; }
    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 20;
    /// <summary>Free text over id, worker, action, message, data and the error of a failed task.</summary>
    public string? Search { get; init; }
    /// <summary>Status filter.</summary>
    public TaskState? Status { get; init; }
    /// <summary>Partial creator name.</summary>
    public string? User { get; init; }
    /// <summary>Worker filter.</summary>
    public string? Worker { get; init; }
    /// <summary>Action filter.</summary>
    public string? Action { get; init; }
    /// <summary>Queue filter.</summary>
    public string? Queue { get; init; }
    /// <summary>Exact id.</summary>
    public long? Id { get; init; }
    /// <summary>Created at or after.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Created at or before.</summary>
    public DateTimeOffset? To { get; init; }
    /// <summary>Object kind: tasks with a link of this type (any link).</summary>
    public string? ObjectType { get; init; }
    /// <summary>Object id: tasks with a link of this id (any link; with <see cref="ObjectType"/>, the same link).</summary>
    public string? ObjectId { get; init; }
    /// <summary>Tags: only tasks that have every one of them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>A schedule's run history: only the tasks this schedule fired.</summary>
    public string? ScheduleId { get; init; }
    /// <summary>Category filter.</summary>
    public TaskCategory? Category { get; init; }
    /// <summary>Only the subtasks of this task. Without it (and without an object filter) subtasks are left out of lists.</summary>
    public long? ParentId { get; init; }
    /// <summary>Visibility: only tasks created by this user (null: every task).</summary>
    public long? VisibleTo { get; init; }
}

/// <summary>One page of tasks and the total that matched, counted up to <see cref="CountLimit"/>.</summary>
/// <param name="Items">The rows, newest first.</param>
/// <param name="Total">The rows that matched the filters, or <see cref="CountLimit"/> when more matched (<see cref="TotalCapped"/>).</param>
public sealed record TaskPage(IReadOnlyList<TaskRow> Items, long Total)
{
    /// <summary>The most rows a list counts: a larger total is reported as this, with <see cref="TotalCapped"/> set.</summary>
    public const int CountLimit = 10_000;

    /// <summary>True when more than <see cref="CountLimit"/> rows matched and <see cref="Total"/> is that limit.</summary>
    public bool TotalCapped { get; init; }
}
