namespace Tasklane;

/// <summary>
/// The one seam between the engine and a database. Shaped by what the engine needs in bulk
/// (claim a batch, complete a batch, append log lines in batches); every state transition is
/// one atomic operation and writes its log line in the same transaction.
/// </summary>
public interface ITaskStore
{
    /// <summary>The driver name, e.g. <c>sqlite</c> or <c>postgresql</c>.</summary>
    string Name { get; }

    /// <summary>Applies the numbered migrations that are not applied yet.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Answers when the database answers.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a task, or returns the existing one with the same idempotency key.</summary>
    Task<CreateTaskResult> CreateTaskAsync(CreateTaskParams p, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a batch of tasks in one transaction, all or none, and returns them in order (for one with an idempotency
    /// key that a live task holds, that task, with <see cref="CreateTaskResult.Created"/> false).
    /// </summary>
    Task<IReadOnlyList<CreateTaskResult>> CreateTasksAsync(IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken);

    /// <summary>One task, or null when missing or soft-deleted.</summary>
    Task<TaskRow?> GetTaskAsync(long id, CancellationToken cancellationToken);

    /// <summary>The live (not deleted) tasks among <paramref name="ids"/> with their last log sequence numbers, in one query: what every open live view of them needs per tick.</summary>
    Task<IReadOnlyList<WatchedTask>> WatchTasksAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>
    /// An opaque text that changes when tasks are created, start, report progress, end or are deleted: one cheap query that
    /// the console's change feed compares from tick to tick, whatever the number of open pages.
    /// </summary>
    Task<string> GetChangeStampAsync(CancellationToken cancellationToken);

    /// <summary>A filtered page of tasks, newest first; soft-deleted tasks never appear.</summary>
    Task<TaskPage> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <paramref name="limit"/> active (running or pending) top-level tasks, newest first, visible to one user
    /// when <paramref name="visibleTo"/> is set: the dashboard's list, in one query.
    /// </summary>
    Task<IReadOnlyList<TaskRow>> ListActiveTasksAsync(int limit, long? visibleTo, CancellationToken cancellationToken);

    /// <summary>Counts of non-deleted tasks by status (visible to one user when <paramref name="visibleTo"/> is set).</summary>
    Task<IReadOnlyDictionary<TaskState, long>> CountByStatusAsync(long? visibleTo, CancellationToken cancellationToken);

    /// <summary>Non-deleted tasks by queue and status (statuses with no task are left out), visible to one user when <paramref name="visibleTo"/> is set.</summary>
    Task<IReadOnlyList<QueueCount>> CountByQueueAsync(long? visibleTo, CancellationToken cancellationToken);

    /// <summary>Counts by status, the average duration, per-worker rows and a time series over tasks created in a range.</summary>
    Task<TaskStats> GetStatsAsync(StatsParams p, CancellationToken cancellationToken);

    /// <summary>Every configured queue (pause, global concurrency, rate), by name; a queue with no row has the defaults.</summary>
    Task<IReadOnlyList<QueueConfig>> ListQueueConfigsAsync(CancellationToken cancellationToken);

    /// <summary>Changes one queue's configuration (creating its row), writing the audit entry of the open scope in the same transaction.</summary>
    Task<QueueConfigChange> UpdateQueueAsync(UpdateQueueParams p, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <see cref="ClaimParams.Limit"/> due tasks, ordered by priority, run_at, id. Tasks of a paused queue
    /// are not claimed; a queue's global concurrency and rate, and each task's concurrency key, hold across every node.
    /// </summary>
    Task<IReadOnlyList<TaskRow>> ClaimAsync(ClaimParams p, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch of attempt outcomes; outcomes of leases the node no longer holds are ignored. A completed task
    /// with unfinished subtasks stays running, awaiting them (without a lease). Whenever a subtask changes, its parent
    /// is recomputed: progress is the share of completed subtasks; an awaiting parent completes when all have
    /// completed and fails when one has failed.
    /// </summary>
    Task CompleteAsync(IReadOnlyList<TaskOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="CompleteAndClaimAsync"/> costs less than <see cref="CompleteAsync"/> followed by
    /// <see cref="ClaimAsync"/> (PostgreSQL: one round trip and one commit for both), so that the engine claims with
    /// each batch of outcomes it writes.
    /// </summary>
    bool JoinsCompleteAndClaim => false;

    /// <summary>
    /// Writes a batch of outcomes as <see cref="CompleteAsync"/> does, then claims as <see cref="ClaimAsync"/> does, in one
    /// transaction where the store joins them (<see cref="JoinsCompleteAndClaim"/>); the claim sees what the outcomes
    /// changed (a subtask whose dependency has just completed). When it returns, the outcomes are written; when it
    /// throws, they may not be, and are written again (a repeated outcome changes nothing).
    /// </summary>
    async Task<IReadOnlyList<TaskRow>> CompleteAndClaimAsync(IReadOnlyList<TaskOutcome> outcomes, ClaimParams claim, CancellationToken cancellationToken)
    {
        await CompleteAsync(outcomes, cancellationToken);
        return await ClaimAsync(claim, cancellationToken);
    }

    /// <summary>Writes a batch of progress updates and log lines.</summary>
    Task ReportAsync(IReadOnlyList<TaskReport> reports, CancellationToken cancellationToken);

    /// <summary>Records the node and renews the leases of its running tasks.</summary>
    Task<HeartbeatResult> HeartbeatAsync(HeartbeatParams p, CancellationToken cancellationToken);

    /// <summary>Removes a node from the registry (clean shutdown).</summary>
    Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>The registered nodes, most recent heartbeat first.</summary>
    Task<IReadOnlyList<NodeRow>> ListNodesAsync(CancellationToken cancellationToken);

    /// <summary>Rescues running tasks whose lease expired: retried when attempts remain, else failed. Returns their ids.</summary>
    Task<IReadOnlyList<long>> RescueAsync(RescueParams p, CancellationToken cancellationToken);

    /// <summary>Gives running tasks of a node back to the queue without counting the attempt.</summary>
    Task<int> ReleaseAsync(ReleaseParams p, CancellationToken cancellationToken);

    /// <summary>Pending → cancelled at once; running → cancel requested.</summary>
    Task<TransitionResult> CancelAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Failed or cancelled → pending, with a fresh automatic-retry budget.</summary>
    Task<TransitionResult> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A pending task due later becomes due now.</summary>
    Task<TransitionResult> ExecuteNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Soft delete; refused while running.</summary>
    Task<TransitionResult> DeleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one transition to many tasks (by ids or by the list's filters) in chunks of set-based statements, each
    /// chunk in one write transaction; tasks in a state the action does not apply to are skipped, not errors.
    /// </summary>
    Task<TaskBulkResult> BulkAsync(TaskBulkParams p, CancellationToken cancellationToken);

    /// <summary>Every pending task due later becomes due now (only those visible to <paramref name="visibleTo"/> when set). Returns how many.</summary>
    Task<int> ProcessPendingAsync(DateTimeOffset now, long? visibleTo, CancellationToken cancellationToken);

    /// <summary>The earliest run_at of a pending task due after <paramref name="now"/>, if any.</summary>
    Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The run_at of the pending task that has waited longest while due (run_at at or before <paramref name="now"/>),
    /// of <paramref name="worker"/> or of every worker; null when none is due. For the backlog health checks.
    /// </summary>
    Task<DateTimeOffset?> OldestDueAsync(DateTimeOffset now, string? worker, CancellationToken cancellationToken);

    /// <summary>Removes old completed and soft-deleted tasks with their log lines.</summary>
    Task<CleanupResult> CleanupAsync(CleanupParams p, CancellationToken cancellationToken);

    /// <summary>Log lines of a task with a sequence number above <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<TaskLogLine>> GetLogsAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Tasks in a final state (completed, failed, cancelled) that still have log lines in the store, lowest id
    /// first: what the <c>file</c> log storage moves out of the database.
    /// </summary>
    Task<IReadOnlyList<long>> ListTasksWithFinalLogsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes, per task, the log lines up to a sequence number (lines written later, e.g. by a retry, stay);
    /// returns the number of lines removed.
    /// </summary>
    Task<int> DeleteLogsAsync(IReadOnlyList<LogCut> cuts, CancellationToken cancellationToken);

    /// <summary>All stored system settings (key → JSON value).</summary>
    Task<IReadOnlyDictionary<string, string>> GetSettingsAsync(CancellationToken cancellationToken);

    /// <summary>Upserts system settings (key → JSON value).</summary>
    Task SetSettingsAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    /// <summary>Inserts workers that are not registered yet; with <paramref name="updateExisting"/>, refreshes the metadata (not the active flag or settings) of known ones. Returns how many rows were inserted or changed.</summary>
    Task<int> UpsertWorkersAsync(IReadOnlyList<WorkerRow> workers, bool updateExisting, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every registered worker with its task count, by identifier.</summary>
    Task<IReadOnlyList<WorkerRow>> ListWorkersAsync(CancellationToken cancellationToken);

    /// <summary>One worker, or null.</summary>
    Task<WorkerRow?> GetWorkerAsync(string identifier, CancellationToken cancellationToken);

    /// <summary>Activates or deactivates; false when the worker is not registered.</summary>
    Task<bool> SetWorkerActiveAsync(string identifier, bool active, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores the worker's settings JSON (secrets already encrypted); false when not registered.</summary>
    Task<bool> SetWorkerSettingsAsync(string identifier, string settings, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes workers from the registry with their schedules (their tasks stay). Returns how many workers.</summary>
    Task<int> DeleteWorkersAsync(IReadOnlyList<string> identifiers, CancellationToken cancellationToken);

    /// <summary>Inserts a schedule defined in code when it is new; an existing one keeps its persisted state and edits.</summary>
    Task<ScheduleRow> EnsureScheduleAsync(ScheduleRow schedule, CancellationToken cancellationToken);

    /// <summary>Every schedule, by id.</summary>
    Task<IReadOnlyList<ScheduleRow>> ListSchedulesAsync(CancellationToken cancellationToken);

    /// <summary>One schedule, or null.</summary>
    Task<ScheduleRow?> GetScheduleAsync(string id, CancellationToken cancellationToken);

    /// <summary>Enables, disables or re-specs a schedule; null when missing.</summary>
    Task<ScheduleRow?> UpdateScheduleAsync(UpdateScheduleParams p, CancellationToken cancellationToken);

    /// <summary>Enabled schedules whose next tick is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ScheduleRow>> DueSchedulesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Fires one tick: the created task, or null when that tick was already fired (by this or another node).</summary>
    Task<TaskRow?> FireScheduleAsync(FireScheduleParams p, CancellationToken cancellationToken);

    /// <summary>
    /// Creates subtasks of one parent in one transaction, in order; a subtask whose name the parent already has is
    /// returned as it is (a re-run handler does not duplicate its steps). A subtask is claimable only once every
    /// task it depends on has completed.
    /// </summary>
    Task<IReadOnlyList<TaskRow>> CreateSubtasksAsync(long parentId, IReadOnlyList<SubtaskParams> subtasks, CancellationToken cancellationToken);

    /// <summary>The ids each of the given tasks depends on.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<long>>> GetDependenciesAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken);

    /// <summary>Counts of a task's subtasks by status.</summary>
    Task<IReadOnlyDictionary<TaskState, long>> CountSubtasksAsync(long parentId, CancellationToken cancellationToken);
}
