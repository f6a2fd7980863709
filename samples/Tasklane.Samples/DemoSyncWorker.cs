using System.ComponentModel.DataAnnotations;

namespace Tasklane.Samples;

/// <summary>The scheduled demo worker: pretends to sync with a remote endpoint.</summary>
[Worker("demo-sync", Title = "Demo sync", Scope = "samples", Description = "Pretends to sync with a remote endpoint", Icon = "refresh",
    Settings = typeof(DemoSyncSettings))]
public sealed class DemoSyncWorker : TaskWorker
{
    /// <summary>Logs the sync and completes.</summary>
    [Action("sync")]
    public async Task SyncAsync(TaskContext task, CancellationToken cancellationToken)
    {
        var settings = await task.GetSettingsAsync<DemoSyncSettings>(cancellationToken);
        var key = string.IsNullOrEmpty(settings.ApiKey) ? "no API key" : "an API key";
        await task.LogAsync($"Syncing with {settings.Endpoint ?? "(no endpoint configured)"} using {key}");
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        await task.ReportAsync(1, 1, "Synced");
    }
}

/// <summary>Settings of <c>demo-sync</c>: where to sync, and the secret key to use.</summary>
public sealed record DemoSyncSettings(
    [property: Url] string? Endpoint = null,
    [property: Secret] string? ApiKey = null);
