namespace Tasklane;

/// <summary>How one attempt ended, written back by the completer in batches.</summary>
public sealed record TaskOutcome
{
    /// <summary>The task.</summary>
    public long TaskId { get; init; }
    /// <summary>The attempt that ended; a stale outcome (the task was rescued meanwhile) is ignored.</summary>
    public int Attempt { get; init; }
    /// <summary>The node that ran it.</summary>
    public required string NodeId { get; init; }
    /// <summary>Completed, Failed, Cancelled, or Pending for an automatic retry.</summary>
    public TaskState Status { get; init; }
    /// <summary>When the attempt ended.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>For a retry: when to run again.</summary>
    public DateTimeOffset? RunAt { get; init; }
    /// <summary>The error message, on failure.</summary>
    public string? Error { get; init; }
    /// <summary>The stack trace, on failure.</summary>
    public string? StackTrace { get; init; }
    /// <summary>The artifact saved by the handler, if any.</summary>
    public TaskArtifact? Artifact { get; init; }
    /// <summary>The response code the handler set, if any.</summary>
    public int? ResponseCode { get; init; }
    /// <summary>The response message the handler set, if any.</summary>
    public string? ResponseMessage { get; init; }
    /// <summary>The log line written with the transition.</summary>
    public required string LogMessage { get; init; }
    /// <summary>The level of that line.</summary>
    public string LogLevel { get; init; } = "info";
}
