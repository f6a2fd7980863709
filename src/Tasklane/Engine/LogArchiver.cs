using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// With <c>task_log_storage_backend</c> set to <c>file</c>, moves the log lines of completed, failed and cancelled
/// tasks out of the database into one file per task: written and flushed first, then deleted from the store up to
/// the last line written, so a crash in between leaves the lines in both places (read once), never in neither.
/// </summary>
internal sealed partial class LogArchiver(
    ITaskStore store,
    ILogArchive files,
    ITaskSettingsProvider settings,
    IOptions<TasklaneOptions> options,
    TimeProvider time,
    ILogger<LogArchiver> logger)
{
    private const int Batch = 100;
    private const int Page = 1000;

    /// <summary>Moves what there is to move; returns the number of lines moved.</summary>
    public async Task<int> ArchiveOnceAsync(CancellationToken cancellationToken)
    {
        if ((await settings.GetAsync(cancellationToken)).TaskLogStorageBackend != "file") return 0;
        var moved = 0;
        while (true)
        {
            var ids = await store.ListTasksWithFinalLogsAsync(Batch, cancellationToken);
            var cuts = new List<LogCut>();
            foreach (var id in ids)
            {
                var lines = await ReadAllAsync(id, cancellationToken);
                if (lines.Count == 0 || !await files.AppendAsync(id, lines, cancellationToken)) continue;
                cuts.Add(new LogCut(id, lines[^1].Seq));
            }
            if (cuts.Count > 0) moved += await store.DeleteLogsAsync(cuts, cancellationToken);
            if (ids.Count < Batch || cuts.Count == 0) break;
        }
        if (moved > 0) LogMoved(moved);
        return moved;
    }

    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(async ct => await ArchiveOnceAsync(ct), () => options.Value.LogArchiveInterval, time, LogFailed, LogRecovered, stoppingToken);

    private async Task<List<TaskLogLine>> ReadAllAsync(long taskId, CancellationToken cancellationToken)
    {
        var lines = new List<TaskLogLine>();
        while (true)
        {
            var page = await store.GetLogsAsync(taskId, lines.Count > 0 ? lines[^1].Seq : 0, Page, cancellationToken);
            lines.AddRange(page);
            if (page.Count < Page) return lines;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moved {Lines} log line(s) of finished tasks to files")]
    private partial void LogMoved(int lines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moving finished tasks' logs to files failed; retrying at the next interval")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moving finished tasks' logs to files works again")]
    private partial void LogRecovered();
}
