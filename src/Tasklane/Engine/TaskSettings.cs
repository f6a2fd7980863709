namespace Tasklane;

/// <summary>System settings kept in the store, editable at run time (<c>/api/system/task-settings</c>).</summary>
public sealed record TaskSettings
{
    /// <summary>Tasks one node runs at once.</summary>
    public int TaskMaxConcurrent { get; init; } = 10;
    /// <summary>
    /// Where the logs of finished tasks are kept: <c>database</c>, or <c>file</c> (moved out of the database into
    /// one file per task once the task is completed, failed or cancelled; see docs/engine.md).
    /// </summary>
    public string TaskLogStorageBackend { get; init; } = "database";
    /// <summary>Completed tasks are removed after this many days.</summary>
    public int RetentionDays { get; init; } = 30;
    /// <summary>Failed and cancelled tasks are removed after this many days (by the retention job).</summary>
    public int FailedRetentionDays { get; init; } = 90;
    /// <summary>A failed subtask may be retried for this many hours.</summary>
    public int SubtaskRetryWindowHours { get; init; } = 24;
    /// <summary>How long a claim lasts without a heartbeat.</summary>
    public int LeaseSeconds { get; init; } = 30;
    /// <summary>Audit log entries are removed after this many days (by the retention job).</summary>
    public int AuditRetentionDays { get; init; } = 365;

    /// <summary>The log storage backends this build supports.</summary>
    public static IReadOnlyList<string> LogStorageBackends { get; } = ["database", "file"];

    /// <summary>The first setting that is out of range, as (field, reason), or null when all are valid.</summary>
    public (string Field, string Reason)? Validate()
    {
        if (TaskMaxConcurrent is < 1 or > 1000) return ("task_max_concurrent", "must be between 1 and 1000");
        if (!LogStorageBackends.Contains(TaskLogStorageBackend)) return ("task_log_storage_backend", "must be one of: " + string.Join(", ", LogStorageBackends));
        if (RetentionDays is < 1 or > 3650) return ("retention_days", "must be between 1 and 3650");
        if (FailedRetentionDays is < 1 or > 3650) return ("failed_retention_days", "must be between 1 and 3650");
        if (SubtaskRetryWindowHours is < 1 or > 8760) return ("subtask_retry_window_hours", "must be between 1 and 8760");
        if (LeaseSeconds is < 5 or > 3600) return ("lease_seconds", "must be between 5 and 3600");
        if (AuditRetentionDays is < 1 or > 36500) return ("audit_retention_days", "must be between 1 and 36500");
        return null;
    }
}
