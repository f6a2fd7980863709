namespace Tasklane;

/// <summary>The operator transition a bulk call applies to many tasks at once.</summary>
public enum TaskBulkAction
{
    /// <summary>Failed or cancelled top-level tasks back to pending, with a fresh automatic-retry budget.</summary>
    Retry,
    /// <summary>Pending tasks end cancelled; running ones are asked to stop.</summary>
    Cancel,
    /// <summary>Soft delete of top-level tasks that are not running.</summary>
    Delete,
    /// <summary>Pending tasks due later become due now.</summary>
    Execute,
}

/// <summary>
/// One bulk transition: by <see cref="Ids"/> or by <see cref="Filter"/> (the task list's filters, its paging ignored),
/// never both. The store runs it in chunks of <see cref="ChunkSize"/> tasks, each chunk a few set-based statements in
/// one short write transaction, with the same state rules as the single transitions.
/// </summary>
public sealed record TaskBulkParams
{
    /// <summary>The most ids one call may name.</summary>
    public const int MaxIds = 10_000;

    /// <summary>The default number of tasks per chunk (one write transaction).</summary>
    public const int DefaultChunkSize = 5_000;

    /// <summary>What to do.</summary>
    public required TaskBulkAction Action { get; init; }

    /// <summary>The tasks named by id; ids of missing, deleted or invisible tasks are skipped.</summary>
    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary>Every live task the list would show for this query (its <see cref="TaskQuery.VisibleTo"/> applies).</summary>
    public TaskQuery? Filter { get; init; }

    /// <summary>With <see cref="Ids"/>: only tasks created by this user count (null: every task).</summary>
    public long? VisibleTo { get; init; }

    /// <summary>The time the transition is written at.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>Tasks per chunk.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;
}

/// <summary>How a bulk transition went.</summary>
/// <param name="Matched">The tasks it was about: the distinct ids given, or the tasks the filter matched.</param>
/// <param name="Changed">The tasks it changed.</param>
/// <param name="Skipped">The others: in a state the action does not apply to, or (by id) missing or not the caller's to see.</param>
public sealed record TaskBulkResult(long Matched, long Changed, long Skipped)
{
    /// <summary>After a cancel: the running tasks asked to stop, for the engine to tell their handlers.</summary>
    public IReadOnlyList<long> CancelRequested { get; init; } = [];
}
