namespace Tasklane;

/// <summary>Start-up configuration of one Tasklane engine (one node). Validated at start.</summary>
public sealed class TasklaneOptions
{
    /// <summary>This node's id; a new one per process by default.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Queues with their own concurrency limit on this node; other queues share the global limit.</summary>
    public IDictionary<string, int> Queues { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Whether this process runs tasks (false: API only).</summary>
    public bool RunEngine { get; set; } = true;

    /// <summary>
    /// How often the dispatcher looks for due tasks when nothing wakes it, on a store whose notifier reaches this process
    /// only (SQLite: this is how tasks that another process writes into the same file are found); and after a claim,
    /// while due tasks may be held back by a queue's limits. Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often an idle dispatcher looks for due tasks when its notifier reaches every process sharing the store
    /// (PostgreSQL's LISTEN/NOTIFY wakes it for every create): the look only finds what no notification announced (one
    /// lost, a row written around Tasklane). Never shorter than <see cref="PollInterval"/>. Default 5 seconds.
    /// </summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While handlers run short (under 50 ms on average), a claim also takes up to one more round of tasks (as many as
    /// the concurrency, at most 100) into a local buffer, so that one claim serves many completions. Slow handlers get
    /// no buffer. Buffered tasks are leased to this node and released at shutdown. On by default.
    /// </summary>
    public bool ClaimAhead { get; set; } = true;

    /// <summary>How often the node renews its leases and checks for cancel requests.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often expired leases are looked for.</summary>
    public TimeSpan RescueInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest the scheduler sleeps between two reads of the schedules. It sleeps until the next tick it knows of
    /// and wakes at once when a schedule changes through this node, so this only bounds how late a schedule changed
    /// elsewhere (another node, another process on the same file) is seen. Default 5 seconds.
    /// </summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long running tasks may finish on shutdown before they are released.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry delay; each further retry doubles it (with ±25 % jitter), up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long buffered progress and log lines wait before they are written.</summary>
    public TimeSpan ReportFlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The folder for the node's files when they are files: artifacts, log files and encryption keys (set beside the
    /// database by <c>UseSqlite</c>; default the current folder). Not used for what <see cref="FilesInDatabase"/> keeps in the database.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Whether the key ring that protects worker secrets, the artifacts and the archived logs of the <c>file</c> log
    /// storage live in the database, so that every node sharing it reads them without a shared disk. Null (the
    /// default): the store decides, yes on PostgreSQL, no on SQLite (files beside the database). A folder set
    /// explicitly (<see cref="KeysPath"/>, <see cref="ArtifactsPath"/>, <see cref="LogsPath"/>) wins for its kind.
    /// </summary>
    public bool? FilesInDatabase { get; set; }

    /// <summary>
    /// The largest artifact kept in the database (default 16 MiB). A larger one fails the task's
    /// <c>SaveArtifactAsync</c> with an error that says so; set <see cref="ArtifactsPath"/> to a folder every node
    /// shares to keep larger artifacts as files.
    /// </summary>
    public long MaxDatabaseArtifactBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Where artifacts are kept as files (default: in the database when <see cref="FilesInDatabase"/>, else <c>tasklane-artifacts</c> in <see cref="DataDirectory"/>).</summary>
    public string? ArtifactsPath { get; set; }

    /// <summary>Where the secret-protection keys are kept as files (default: in the database when <see cref="FilesInDatabase"/>, else <c>tasklane-keys</c> in <see cref="DataDirectory"/>).</summary>
    public string? KeysPath { get; set; }

    /// <summary>Where the <c>file</c> log storage keeps finished tasks' logs as files (default: in the database when <see cref="FilesInDatabase"/>, else <c>tasklane-logs</c> in <see cref="DataDirectory"/>).</summary>
    public string? LogsPath { get; set; }

    /// <summary>How often the <c>file</c> log storage moves finished tasks' logs out of the database.</summary>
    public TimeSpan LogArchiveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether <paramref name="store"/> keeps this node's files (see <see cref="FilesInDatabase"/>); a folder set explicitly wins for its kind.</summary>
    public bool FilesInDatabaseFor(ITaskStore store) => store is IFileStore files && (FilesInDatabase ?? files.FilesInDatabaseByDefault);

    /// <summary>The artifacts folder as resolved.</summary>
    public string ResolvedArtifactsPath => Path.GetFullPath(ArtifactsPath ?? Path.Combine(DataDirectory ?? ".", "tasklane-artifacts"));

    /// <summary>The log files folder as resolved.</summary>
    public string ResolvedLogsPath => Path.GetFullPath(LogsPath ?? Path.Combine(DataDirectory ?? ".", "tasklane-logs"));

    /// <summary>The keys folder as resolved.</summary>
    public string ResolvedKeysPath => Path.GetFullPath(KeysPath ?? Path.Combine(DataDirectory ?? ".", "tasklane-keys"));

    /// <summary>The first error in the options, or null when they are valid.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(NodeId)) return "NodeId must not be empty";
        foreach (var (queue, limit) in Queues)
        {
            if (string.IsNullOrWhiteSpace(queue)) return "queue names must not be empty";
            if (limit < 1) return $"queue '{queue}' must allow at least 1 task";
        }
        if (PollInterval <= TimeSpan.Zero) return "PollInterval must be positive";
        if (FallbackPollInterval <= TimeSpan.Zero) return "FallbackPollInterval must be positive";
        if (HeartbeatInterval <= TimeSpan.Zero) return "HeartbeatInterval must be positive";
        if (RescueInterval <= TimeSpan.Zero) return "RescueInterval must be positive";
        if (RetentionInterval <= TimeSpan.Zero) return "RetentionInterval must be positive";
        if (LogArchiveInterval <= TimeSpan.Zero) return "LogArchiveInterval must be positive";
        if (SchedulerInterval <= TimeSpan.Zero) return "SchedulerInterval must be positive";
        if (ShutdownGrace < TimeSpan.Zero) return "ShutdownGrace must not be negative";
        if (MaxDatabaseArtifactBytes < 1) return "MaxDatabaseArtifactBytes must be positive";
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) return "RetryBaseDelay must be between zero and RetryMaxDelay";
        return null;
    }
}
