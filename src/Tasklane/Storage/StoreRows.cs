using System.Data.Common;
using System.Text.Json;

namespace Tasklane.Storage;

/// <summary>
/// Reads rows of the schema into the model, the same on every SQL store; columns are found by name. Times and
/// booleans are read through the store's <see cref="SqlDialect"/>.
/// </summary>
internal sealed class StoreRows(SqlDialect dialect)
{
    public TaskRow Task(DbDataReader r) => Task(r, withTraceContext: false);

    /// <summary>A task as a claim returns it: with the trace context its execution links to.</summary>
    public TaskRow ClaimedTask(DbDataReader r) => Task(r, withTraceContext: true);

    private TaskRow Task(DbDataReader r, bool withTraceContext)
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
            Tags = TaskDataColumns.Tags(String(r, "tags")),
            Links = TaskDataColumns.Links(String(r, "links")),
            ClonedFrom = Int64(r, "cloned_from"),
            Error = String(r, "error"),
            StackTrace = String(r, "stack_trace"),
            Artifact = artifactKey is null
                ? null
                : new TaskArtifact(artifactKey, String(r, "artifact_name") ?? artifactKey, Int64(r, "artifact_size") ?? 0),
            TimeoutSeconds = Int32(r, "timeout_seconds"),
            CreatedAt = Time(r, "created_at"),
            StartedAt = NullableTime(r, "started_at"),
            UpdatedAt = Time(r, "updated_at"),
            EndedAt = NullableTime(r, "ended_at"),
            CancelRequested = Boolean(r, "cancel_requested"),
            LeaseOwner = String(r, "lease_owner"),
            LeaseExpiresAt = NullableTime(r, "lease_expires_at"),
            Name = String(r, "name"),
            ResponseCode = Int32(r, "response_code"),
            ResponseMessage = String(r, "response_message"),
            AwaitingSubtasks = Boolean(r, "awaiting_subtasks"),
            TraceContext = withTraceContext ? String(r, "trace_context") : null,
            ConcurrencyKey = String(r, "concurrency_key"),
            ConcurrencyLimit = r.GetInt32(r.GetOrdinal("concurrency_limit")),
        };
    }

    public TaskLogLine LogLine(DbDataReader r) => new()
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

    public UserRow User(DbDataReader r) => new()
    {
        Id = r.GetInt64(r.GetOrdinal("id")),
        Username = r.GetString(r.GetOrdinal("username")),
        PasswordHash = r.GetString(r.GetOrdinal("password_hash")),
        Role = r.GetString(r.GetOrdinal("role")),
        Permissions = Names(String(r, "permissions")) ?? [],
        RolePermissions = Names(String(r, "role_permissions")),
        Disabled = Boolean(r, "disabled"),
        CreatedAt = Time(r, "created_at"),
        UpdatedAt = Time(r, "updated_at"),
    };

    public RoleRow Role(DbDataReader r) => new()
    {
        Name = r.GetString(r.GetOrdinal("name")),
        Permissions = Names(String(r, "permissions")) ?? [],
        CreatedAt = Time(r, "created_at"),
        UpdatedAt = Time(r, "updated_at"),
    };

    public AuditEntry Audit(DbDataReader r) => new()
    {
        Id = r.GetInt64(r.GetOrdinal("id")),
        At = Time(r, "at"),
        ActorId = Int64(r, "actor_id"),
        ActorName = String(r, "actor_name"),
        Ip = String(r, "ip"),
        Action = r.GetString(r.GetOrdinal("action")),
        TargetType = String(r, "target_type"),
        TargetId = String(r, "target_id"),
        Details = String(r, "details"),
    };

    /// <summary>A list of names as the schema keeps it (a JSON array), for a column it fills.</summary>
    public static string NamesValue(IReadOnlyList<string> names) => JsonSerializer.Serialize(names);

    private static IReadOnlyList<string>? Names(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<string[]>(json) ?? [];

    public NodeRow Node(DbDataReader r) => new()
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

    public WorkerRow Worker(DbDataReader r) => new()
    {
        Identifier = r.GetString(r.GetOrdinal("identifier")),
        Title = r.GetString(r.GetOrdinal("title")),
        Scope = String(r, "scope"),
        Description = String(r, "description"),
        Icon = String(r, "icon"),
        Actions = JsonSerializer.Deserialize<List<string>>(r.GetString(r.GetOrdinal("actions"))) ?? [],
        Active = Boolean(r, "active"),
        Settings = String(r, "settings"),
        TaskCount = r.GetInt64(r.GetOrdinal("task_count")),
        CreatedAt = Time(r, "created_at"),
        UpdatedAt = Time(r, "updated_at"),
    };

    public ScheduleRow Schedule(DbDataReader r) => new()
    {
        Id = r.GetString(r.GetOrdinal("id")),
        Name = r.GetString(r.GetOrdinal("name")),
        Worker = r.GetString(r.GetOrdinal("worker")),
        Action = r.GetString(r.GetOrdinal("action")),
        Data = r.GetString(r.GetOrdinal("data")),
        Spec = r.GetString(r.GetOrdinal("spec")),
        Enabled = Boolean(r, "enabled"),
        NextRunAt = NullableTime(r, "next_run_at"),
        LastRunAt = NullableTime(r, "last_run_at"),
        LastTaskId = Int64(r, "last_task_id"),
        UpdatedAt = Time(r, "updated_at"),
    };

    /// <summary>The first column of a row as a task id.</summary>
    public static long Id(DbDataReader r) => r.GetInt64(0);

    /// <summary>A queue's configuration (<c>queues_list</c>, <c>queue_get</c>).</summary>
    public QueueConfig Queue(DbDataReader r) => new()
    {
        Name = r.GetString(r.GetOrdinal("name")),
        Paused = Boolean(r, "paused"),
        GlobalConcurrency = Int32(r, "global_concurrency"),
        RatePerSecond = Double(r, "rate_per_second"),
        UpdatedAt = Time(r, "updated_at"),
    };

    /// <summary>A boolean column by position.</summary>
    public bool Flag(DbDataReader r, int ordinal) => dialect.Boolean(r, ordinal);

    /// <summary>A time column, by position, as a UTC time.</summary>
    public DateTimeOffset Time(DbDataReader r, int ordinal) => dialect.Time(r, ordinal);

    /// <summary>A nullable time column, by position, as a UTC time.</summary>
    public DateTimeOffset? NullableTime(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : dialect.Time(r, ordinal);

    private DateTimeOffset Time(DbDataReader r, string column) => Time(r, r.GetOrdinal(column));

    private DateTimeOffset? NullableTime(DbDataReader r, string column) => NullableTime(r, r.GetOrdinal(column));

    private bool Boolean(DbDataReader r, string column) => dialect.Boolean(r, r.GetOrdinal(column));

    private static string? String(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static long? Int64(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetInt64(i);
    }

    private static int? Int32(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetInt32(i);
    }

    private static double? Double(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetDouble(i);
    }
}
