using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Tasklane.Sqlite;

/// <summary>Reads rows of the schema into the model; columns are found by name.</summary>
internal static class SqliteRows
{
    public static TaskRow Task(SqliteDataReader r)
    {
        var artifactKey = String(r, "artifact_key");
        return new TaskRow
        {
            Id = r.GetInt64(r.GetOrdinal("id")),
            Worker = r.GetString(r.GetOrdinal("worker")),
            Action = r.GetString(r.GetOrdinal("action")),
            Data = r.GetString(r.GetOrdinal("data")),
            Queue = r.GetString(r.GetOrdinal("queue")),
            Priority = StoreText.Priority(r.GetString(r.GetOrdinal("priority"))),
            Status = StoreText.State(r.GetString(r.GetOrdinal("status"))),
            Progress = r.GetDouble(r.GetOrdinal("progress")),
            Message = String(r, "message"),
            Processed = Int64(r, "processed"),
            Total = Int64(r, "total"),
            EtaSeconds = Double(r, "eta_seconds"),
            Attempt = r.GetInt32(r.GetOrdinal("attempt")),
            MaxAttempts = r.GetInt32(r.GetOrdinal("max_attempts")),
            AttemptBase = r.GetInt32(r.GetOrdinal("attempt_base")),
            RunAt = Time(r, "run_at"),
            CreatedById = Int64(r, "created_by_id"),
            CreatedByName = String(r, "created_by_name"),
            Category = StoreText.Category(r.GetString(r.GetOrdinal("category"))),
            IpAddress = String(r, "ip_address"),
            ScheduleId = String(r, "schedule_id"),
            ParentId = Int64(r, "parent_id"),
            ObjectType = String(r, "object_type"),
            ObjectId = String(r, "object_id"),
            IdempotencyKey = String(r, "idempotency_key"),
            Error = String(r, "error"),
            StackTrace = String(r, "stack_trace"),
            Artifact = artifactKey is null
                ? null
                : new TaskArtifact(artifactKey, String(r, "artifact_name") ?? artifactKey, Int64(r, "artifact_size") ?? 0),
            TimeoutSeconds = (int?)Int64(r, "timeout_seconds"),
            CreatedAt = Time(r, "created_at"),
            StartedAt = NullableTime(r, "started_at"),
            UpdatedAt = Time(r, "updated_at"),
            EndedAt = NullableTime(r, "ended_at"),
            CancelRequested = r.GetInt64(r.GetOrdinal("cancel_requested")) != 0,
            LeaseOwner = String(r, "lease_owner"),
            LeaseExpiresAt = NullableTime(r, "lease_expires_at"),
            Name = String(r, "name"),
            ResponseCode = (int?)Int64(r, "response_code"),
            ResponseMessage = String(r, "response_message"),
            AwaitingSubtasks = r.GetInt64(r.GetOrdinal("awaiting_subtasks")) != 0,
        };
    }

    public static TaskLogLine LogLine(SqliteDataReader r) => new()
    {
        Seq = r.GetInt64(r.GetOrdinal("id")),
        TaskId = r.GetInt64(r.GetOrdinal("task_id")),
        At = Time(r, "at"),
        Level = r.GetString(r.GetOrdinal("level")),
        Message = r.GetString(r.GetOrdinal("message")),
        Status = StoreText.State(r.GetString(r.GetOrdinal("status"))),
        Progress = r.GetDouble(r.GetOrdinal("progress")),
        Processed = Int64(r, "processed"),
        Total = Int64(r, "total"),
        EtaSeconds = Double(r, "eta_seconds"),
    };

    public static UserRow User(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(r.GetOrdinal("id")),
        Username = r.GetString(r.GetOrdinal("username")),
        PasswordHash = r.GetString(r.GetOrdinal("password_hash")),
        Role = r.GetString(r.GetOrdinal("role")),
        Disabled = r.GetInt64(r.GetOrdinal("disabled")) != 0,
        CreatedAt = Time(r, "created_at"),
        UpdatedAt = Time(r, "updated_at"),
    };

    public static NodeRow Node(SqliteDataReader r) => new()
    {
        Id = r.GetString(r.GetOrdinal("id")),
        Host = r.GetString(r.GetOrdinal("host")),
        Pid = r.GetInt32(r.GetOrdinal("pid")),
        StartedAt = Time(r, "started_at"),
        LastHeartbeat = Time(r, "last_heartbeat"),
        Queues = JsonSerializer.Deserialize<Dictionary<string, int>>(r.GetString(r.GetOrdinal("queues"))) ?? [],
        Workers = JsonSerializer.Deserialize<List<string>>(r.GetString(r.GetOrdinal("workers"))) ?? [],
        Concurrency = r.GetInt32(r.GetOrdinal("concurrency")),
        Running = r.GetInt32(r.GetOrdinal("running")),
    };

    public static WorkerRow Worker(SqliteDataReader r) => new()
    {
        Identifier = r.GetString(r.GetOrdinal("identifier")),
        Title = r.GetString(r.GetOrdinal("title")),
        Scope = String(r, "scope"),
        Description = String(r, "description"),
        Icon = String(r, "icon"),
        Actions = JsonSerializer.Deserialize<List<string>>(r.GetString(r.GetOrdinal("actions"))) ?? [],
        Active = r.GetInt64(r.GetOrdinal("active")) != 0,
        Settings = String(r, "settings"),
        TaskCount = r.GetInt64(r.GetOrdinal("task_count")),
        CreatedAt = Time(r, "created_at"),
        UpdatedAt = Time(r, "updated_at"),
    };

    public static ScheduleRow Schedule(SqliteDataReader r) => new()
    {
        Id = r.GetString(r.GetOrdinal("id")),
        Name = r.GetString(r.GetOrdinal("name")),
        Worker = r.GetString(r.GetOrdinal("worker")),
        Action = r.GetString(r.GetOrdinal("action")),
        Data = r.GetString(r.GetOrdinal("data")),
        Spec = r.GetString(r.GetOrdinal("spec")),
        Enabled = r.GetInt64(r.GetOrdinal("enabled")) != 0,
        NextRunAt = NullableTime(r, "next_run_at"),
        LastRunAt = NullableTime(r, "last_run_at"),
        LastTaskId = Int64(r, "last_task_id"),
        UpdatedAt = Time(r, "updated_at"),
    };

    /// <summary>A unix-milliseconds value as a UTC time.</summary>
    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static DateTimeOffset Time(SqliteDataReader r, string column) => FromMilliseconds(r.GetInt64(r.GetOrdinal(column)));

    private static DateTimeOffset? NullableTime(SqliteDataReader r, string column) => Int64(r, column) is { } ms ? FromMilliseconds(ms) : null;

    private static string? String(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static long? Int64(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetInt64(i);
    }

    private static double? Double(SqliteDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetDouble(i);
    }
}
