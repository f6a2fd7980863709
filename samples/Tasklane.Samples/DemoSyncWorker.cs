namespace Tasklane.Samples;

/// <summary>The scheduled demo worker: pretends to sync with a remote endpoint.</summary>
[Worker("demo-sync", Title = "Demo sync", Scope = "samples", Description = "Pretends to sync with a remote endpoint", Icon = "refresh")]
public sealed class DemoSyncWorker : TaskWorker
{
    /// <summary>Logs the sync and completes.</summary>
    [Action("sync")]
    public async Task SyncAsync(TaskContext task, CancellationToken cancellationToken)
    {
        await task.LogAsync("Syncing with the configured endpoint");
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        await task.ReportAsync(1, 1, "Synced");
    }
}
