using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// What a running handler gets: its task, progress reporting (percent and ETA computed from the
/// observed rate), log lines that land in the task's log, artifacts, and the cancellation token.
/// </summary>
public sealed class TaskContext
{
    private readonly ReportWriter _reports;
    private readonly TimeProvider _time;
    private readonly IArtifactStore _artifacts;
    private readonly DateTimeOffset _startedAt;
    private readonly WorkerCatalog _catalog;
    private readonly SubtaskFactory _subtasks;

    internal TaskContext(TaskRow task, ReportWriter reports, IArtifactStore artifacts, WorkerCatalog catalog, SubtaskFactory subtasks, TimeProvider time, IServiceProvider services, CancellationToken cancellationToken)
    {
        Task = task;
        _reports = reports;
        _artifacts = artifacts;
        _catalog = catalog;
        _subtasks = subtasks;
        _time = time;
        _startedAt = task.StartedAt ?? time.GetUtcNow();
        Services = services;
        CancellationToken = cancellationToken;
        Logger = new TaskLogger(this);
    }

    /// <summary>The task as it was claimed.</summary>
    public TaskRow Task { get; }

    /// <summary>The task's id.</summary>
    public long TaskId => Task.Id;

    /// <summary>The attempt number, from 1.</summary>
    public int Attempt => Task.Attempt;

    /// <summary>A logger whose lines land in the task's log.</summary>
    public ILogger Logger { get; }

    /// <summary>The services of this task's scope.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Fires on cancel, on timeout and on shutdown.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The artifact saved by this attempt, if any.</summary>
    public TaskArtifact? Artifact { get; private set; }

    /// <summary>Reports items done out of a total; percent and ETA are computed from the rate so far.</summary>
    public ValueTask ReportAsync(long processed, long total, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(processed);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var now = _time.GetUtcNow();
        var progress = total > 0 ? Math.Clamp(100.0 * processed / total, 0, 100) : 0;
        double? eta = null;
        var elapsed = (now - _startedAt).TotalSeconds;
        if (processed > 0 && total >= processed && elapsed > 0)
        {
            eta = Math.Round((total - processed) * elapsed / processed, 1);
        }
        return _reports.EnqueueAsync(new TaskReport
        {
            TaskId = TaskId, At = now, HasProgress = true, Progress = Math.Round(progress, 2),
            Processed = processed, Total = total, EtaSeconds = eta, Message = message,
        });
    }

    /// <summary>Reports a percentage (0–100) directly.</summary>
    public ValueTask ReportAsync(double progress, string? message = null) =>
        _reports.EnqueueAsync(new TaskReport
        {
            TaskId = TaskId, At = _time.GetUtcNow(), HasProgress = true,
            Progress = Math.Round(Math.Clamp(progress, 0, 100), 2), Message = message,
        });

    /// <summary>Appends a line to the task's log.</summary>
    public ValueTask LogAsync(string message, LogLevel level = LogLevel.Information) =>
        _reports.EnqueueAsync(new TaskReport
        {
            TaskId = TaskId, At = _time.GetUtcNow(), LogLevel = LevelName(level), LogMessage = message,
        });

    /// <summary>Saves the task's result file (one per task; a second call replaces it).</summary>
    public async Task<TaskArtifact> SaveArtifactAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        Artifact = await _artifacts.SaveAsync(TaskId, name, content, cancellationToken);
        return Artifact;
    }

    /// <summary>The response code and message of this task (shown on subtasks); default 200/OK on success, 500/the error on failure.</summary>
    public (int Code, string? Message)? Response { get; private set; }

    /// <summary>Sets the response code and message shown for this (sub)task.</summary>
    public void SetResponse(int code, string? message = null) => Response = (code, message);

    /// <summary>
    /// Creates steps inside this task. Each runs as its own task on the pool once the steps it depends on have
    /// completed; this task completes when all of them have, and fails when one fails after its retries.
    /// A re-run handler gets the steps it created before (by name), not duplicates.
    /// </summary>
    /// <exception cref="TaskCreateException">A duplicate name, an unknown dependency, a cycle, or data that does not fit.</exception>
    public Task<IReadOnlyList<TaskRow>> CreateSubtasksAsync(IEnumerable<SubtaskSpec> subtasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subtasks);
        return _subtasks.CreateAsync(Task, [.. subtasks], cancellationToken);
    }

    /// <summary>The worker's settings, typed and with secrets in clear (the settings type's defaults when none were saved).</summary>
    public Task<T> GetSettingsAsync<T>(CancellationToken cancellationToken) =>
        _catalog.ReadSettingsAsync<T>(Task.Worker, cancellationToken);

    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "info",
    };

    private sealed class TaskLogger(TaskContext context) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            if (exception is not null) message += Environment.NewLine + exception;
            context._reports.TryEnqueue(new TaskReport
            {
                TaskId = context.TaskId, At = context._time.GetUtcNow(), LogLevel = LevelName(logLevel), LogMessage = message,
            });
        }
    }
}
