using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// Removes completed (and soft-deleted) tasks and their logs after <c>retention_days</c>, failed and cancelled ones after
/// <c>failed_retention_days</c>, and audit log entries after
/// <c>audit_retention_days</c> (when the host keeps accounts: an <see cref="IAccountStore"/> is registered).
/// </summary>
internal sealed partial class Retention(
    ITaskStore store,
    IArtifactStore artifacts,
    ILogArchive logFiles,
    ITaskSettingsProvider settings,
    IOptions<TasklaneOptions> options,
    TimeProvider time,
    ILogger<Retention> logger,
    IAccountStore? accounts = null)
{
    public async Task<CleanupResult> CleanOnceAsync(CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-current.RetentionDays);
        var result = await RemoveAsync(new CleanupParams
        {
            CompletedBefore = cutoff, DeletedBefore = cutoff, FailedBefore = now.AddDays(-current.FailedRetentionDays),
        }, cancellationToken);
        if (result.Tasks > 0) LogCleaned(result.Tasks, result.LogLines);
        if (accounts is not null)
        {
            var audit = await accounts.DeleteAuditAsync(time.GetUtcNow().AddDays(-current.AuditRetentionDays), cancellationToken);
            if (audit > 0) LogAuditCleaned(audit);
        }
        return result;
    }

    /// <summary>Removes the tasks the parameters select from the store, then their artifacts and log files.</summary>
    internal async Task<CleanupResult> RemoveAsync(CleanupParams parameters, CancellationToken cancellationToken)
    {
        var result = await store.CleanupAsync(parameters, cancellationToken);
        await artifacts.DeleteAsync(result.ArtifactKeys, cancellationToken);
        // The file log storage moved finished tasks' lines out of the store: they count as removed lines too.
        var fileLines = await logFiles.DeleteAsync(result.TaskIds, cancellationToken);
        return fileLines == 0 ? result : result with { LogLines = result.LogLines + fileLines };
    }

    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(CleanOnceAsync, () => options.Value.RetentionInterval, time, LogFailed, null, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Tasks} task(s) and {LogLines} log line(s)")]
    private partial void LogCleaned(int tasks, int logLines);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Entries} audit log entr(y/ies)")]
    private partial void LogAuditCleaned(int entries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention failed; retrying at the next interval")]
    private partial void LogFailed(Exception ex);
}
