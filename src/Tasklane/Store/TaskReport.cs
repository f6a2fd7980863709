namespace Tasklane;

/// <summary>A progress update and/or a log line from a running handler, written in batches.</summary>
public sealed record TaskReport
{
    /// <summary>The task.</summary>
    public long TaskId { get; init; }
    /// <summary>When it was reported.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>True when the progress columns below are to be written.</summary>
    public bool HasProgress { get; init; }
    /// <summary>Percent done.</summary>
    public double Progress { get; init; }
    /// <summary>Items processed.</summary>
    public long? Processed { get; init; }
    /// <summary>Items in all.</summary>
    public long? Total { get; init; }
    /// <summary>Seconds left.</summary>
    public double? EtaSeconds { get; init; }
    /// <summary>The progress message (kept when null).</summary>
    public string? Message { get; init; }
    /// <summary>The log line's level, when a line is to be appended.</summary>
    public string? LogLevel { get; init; }
    /// <summary>The log line's text, when a line is to be appended.</summary>
    public string? LogMessage { get; init; }
}
