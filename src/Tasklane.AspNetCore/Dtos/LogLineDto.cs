namespace Tasklane.AspNetCore;

/// <summary>One task log line with its progress snapshot.</summary>
internal sealed record LogLineDto(long Seq, DateTimeOffset At, string Level, string Message, TaskState Status, double Progress, long? Processed, long? Total, double? EtaSeconds)
{
    public static LogLineDto From(TaskLogLine l) =>
        new(l.Seq, l.At, l.Level, l.Message, l.Status, l.Progress, l.Processed, l.Total, l.EtaSeconds);
}
