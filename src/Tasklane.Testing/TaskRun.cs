namespace Tasklane.Testing;

/// <summary>
/// How one task ended under <see cref="TaskRunner"/>: its final row, every line of its log and its artifact, read back
/// from the store the engine wrote them to.
/// </summary>
public sealed class TaskRun
{
    internal TaskRun(TaskRow task, IReadOnlyList<TaskLogLine> logs, TaskRunArtifact? artifact)
    {
        Task = task;
        Logs = logs;
        Artifact = artifact;
    }

    /// <summary>The task as the store holds it at the end.</summary>
    public TaskRow Task { get; }

    /// <summary>The task's id.</summary>
    public long Id => Task.Id;

    /// <summary>The final status: completed, failed or cancelled.</summary>
    public TaskState Status => Task.Status;

    /// <summary>The last progress reported, 0 to 100.</summary>
    public double Progress => Task.Progress;

    /// <summary>The last progress message.</summary>
    public string? Message => Task.Message;

    /// <summary>Items processed, as last reported.</summary>
    public long? Processed => Task.Processed;

    /// <summary>Items in all, as last reported.</summary>
    public long? Total => Task.Total;

    /// <summary>How many times the handler was started.</summary>
    public int Attempts => Task.Attempt;

    /// <summary>The error message of the last failure, or null.</summary>
    public string? Error => Task.Error;

    /// <summary>The stack trace of the last failure, or null.</summary>
    public string? StackTrace => Task.StackTrace;

    /// <summary>The response code the handler set (or null when it set none).</summary>
    public int? ResponseCode => Task.ResponseCode;

    /// <summary>Every line of the task's log, oldest first: the handler's and the engine's ("Created by system", "Completed").</summary>
    public IReadOnlyList<TaskLogLine> Logs { get; }

    /// <summary>The text of the log lines, oldest first.</summary>
    public IReadOnlyList<string> LogMessages => [.. Logs.Select(l => l.Message)];

    /// <summary>The file the handler saved, with its content, or null when it saved none.</summary>
    public TaskRunArtifact? Artifact { get; }
}
