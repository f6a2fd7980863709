namespace Tasklane;

/// <summary>One entry of a task's execution log, with the progress snapshot taken when it was written.</summary>
public sealed record TaskLogLine
{
    /// <summary>The sequence number; increases with every line written.</summary>
    public long Seq { get; init; }
    /// <summary>The task the line belongs to.</summary>
    public long TaskId { get; init; }
    /// <summary>When the line was written.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>The level: <c>trace</c>, <c>debug</c>, <c>info</c>, <c>warning</c>, <c>error</c>.</summary>
    public required string Level { get; init; }
    /// <summary>The text.</summary>
    public required string Message { get; init; }
    /// <summary>The task's status at that time.</summary>
    public TaskState Status { get; init; }
    /// <summary>The task's progress at that time.</summary>
    public double Progress { get; init; }
    /// <summary>Items processed at that time.</summary>
    public long? Processed { get; init; }
    /// <summary>Items in all at that time.</summary>
    public long? Total { get; init; }
    /// <summary>Estimated seconds left at that time.</summary>
    public double? EtaSeconds { get; init; }
}
