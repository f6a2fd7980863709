using System.Globalization;
using System.Text.Json;

namespace Tasklane;

/// <summary>System settings read from the store, cached for a few seconds so other nodes' changes arrive.</summary>
internal sealed class TaskSettingsProvider(ITaskStore store, TimeProvider time) : ITaskSettingsProvider
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private TaskSettings? _cached;
    private DateTimeOffset _cachedAt;

    public async Task<TaskSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cached is { } cached && now - _cachedAt < CacheFor) return cached;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var values = await store.GetSettingsAsync(cancellationToken);
            var settings = new TaskSettings();
            settings = settings with
            {
                TaskMaxConcurrent = Read(values, "task_max_concurrent", settings.TaskMaxConcurrent),
                TaskLogStorageBackend = ReadString(values, "task_log_storage_backend", settings.TaskLogStorageBackend),
                RetentionDays = Read(values, "retention_days", settings.RetentionDays),
                FailedRetentionDays = Read(values, "failed_retention_days", settings.FailedRetentionDays),
                SubtaskRetryWindowHours = Read(values, "subtask_retry_window_hours", settings.SubtaskRetryWindowHours),
                LeaseSeconds = Read(values, "lease_seconds", settings.LeaseSeconds),
                AuditRetentionDays = Read(values, "audit_retention_days", settings.AuditRetentionDays),
            };
            _cached = settings;
            _cachedAt = now;
            return settings;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<TaskSettings> UpdateAsync(TaskSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.Validate() is { } error) throw new ArgumentException(error.Reason, error.Field);
        // Under the lock, so a read that started before this write cannot put the old values back in the cache.
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await StoreAsync(settings, cancellationToken);
            _cached = settings;
            _cachedAt = time.GetUtcNow();
        }
        finally
        {
            _lock.Release();
        }
        return settings;
    }

    private Task StoreAsync(TaskSettings settings, CancellationToken cancellationToken) =>
        store.SetSettingsAsync(new Dictionary<string, string>
        {
            ["task_max_concurrent"] = settings.TaskMaxConcurrent.ToString(CultureInfo.InvariantCulture),
            ["task_log_storage_backend"] = JsonSerializer.Serialize(settings.TaskLogStorageBackend),
            ["retention_days"] = settings.RetentionDays.ToString(CultureInfo.InvariantCulture),
            ["failed_retention_days"] = settings.FailedRetentionDays.ToString(CultureInfo.InvariantCulture),
            ["subtask_retry_window_hours"] = settings.SubtaskRetryWindowHours.ToString(CultureInfo.InvariantCulture),
            ["lease_seconds"] = settings.LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["audit_retention_days"] = settings.AuditRetentionDays.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);

    private static int Read(IReadOnlyDictionary<string, string> values, string key, int fallback) =>
        values.TryGetValue(key, out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string ReadString(IReadOnlyDictionary<string, string> values, string key, string fallback)
    {
        if (!values.TryGetValue(key, out var raw)) return fallback;
        try { return JsonSerializer.Deserialize<string>(raw) ?? fallback; }
        catch (JsonException) { return fallback; }
    }
}
