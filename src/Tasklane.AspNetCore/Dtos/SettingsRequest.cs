namespace Tasklane.AspNetCore;

/// <summary>The body of <c>PUT /api/system/task-settings</c>; absent fields are kept.</summary>
internal sealed record SettingsRequest
{
    public int? TaskMaxConcurrent { get; init; }
    public string? TaskLogStorageBackend { get; init; }
    public int? RetentionDays { get; init; }
    public int? FailedRetentionDays { get; init; }
    public int? SubtaskRetryWindowHours { get; init; }
    public int? LeaseSeconds { get; init; }
    public int? AuditRetentionDays { get; init; }
}
