namespace Tasklane;

/// <summary>Find running tasks whose lease expired and give them back (or fail them).</summary>
public sealed record RescueParams
{
    /// <summary>Leases that expired before this time are rescued.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>The log line and error text: "Tasklane has lost track of the process".</summary>
    public required string Message { get; init; }
}

/// <summary>Give running tasks back to the queue (graceful shutdown); the attempt is not counted.</summary>
public sealed record ReleaseParams
{
    /// <summary>The node that owns them.</summary>
    public required string NodeId { get; init; }
    /// <summary>The tasks.</summary>
    public required IReadOnlyList<long> TaskIds { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>The log line.</summary>
    public required string Message { get; init; }
}

/// <summary>Remove finished work older than the cut-offs.</summary>
public sealed record CleanupParams
{
    /// <summary>Completed tasks that ended before this are removed with their logs.</summary>
    public DateTimeOffset CompletedBefore { get; init; }
    /// <summary>Failed and cancelled tasks that ended before this are removed with their logs; null keeps them (a manual cleanup).</summary>
    public DateTimeOffset? FailedBefore { get; init; }
    /// <summary>Soft-deleted tasks deleted before this are removed with their logs.</summary>
    public DateTimeOffset DeletedBefore { get; init; }
    /// <summary>When set, only tasks this user created are removed (a user without <c>task:view_all</c>).</summary>
    public long? VisibleTo { get; init; }
}

/// <summary>What a cleanup removed.</summary>
/// <param name="Tasks">Tasks removed.</param>
/// <param name="LogLines">Log lines removed.</param>
/// <param name="ArtifactKeys">File keys of the removed tasks' artifacts, for the artifact store to delete.</param>
public sealed record CleanupResult(int Tasks, int LogLines, IReadOnlyList<string> ArtifactKeys)
{
    /// <summary>The ids of the removed tasks, for the log files to go with them.</summary>
    public IReadOnlyList<long> TaskIds { get; init; } = [];
}
