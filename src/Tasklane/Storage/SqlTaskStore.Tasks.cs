namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    private const int CleanupBatch = 500;

    /// <summary>Inserts a task and its first log line inside the caller's transaction.</summary>
    private protected abstract Task<CreateTaskResult> InsertTaskAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken);

    /// <summary>Inserts a task, or finds the live one that holds its idempotency key, inside the caller's transaction.</summary>
    private protected abstract Task<CreateTaskResult> CreateOneAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken);

    /// <summary>Inserts a non-empty batch of tasks without idempotency keys, each with its first log line, in one statement or two; returns them in order.</summary>
    private protected abstract Task<IReadOnlyList<TaskRow>> InsertManyAsync(StoreSession session, IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken);

    /// <summary>
    /// The row a new task has in the store, built from what was inserted (times kept to the millisecond, as stored),
    /// so that an insert needs no read back.
    /// </summary>
    private protected static TaskRow NewRow(CreateTaskParams p, long id)
    {
        var now = Millis(p.Now);
        return new TaskRow
        {
            Id = id, Worker = p.Worker, Action = p.Action, Data = p.Data, Queue = p.Queue, Priority = p.Priority,
            Status = TaskState.Pending, MaxAttempts = p.MaxAttempts, RunAt = Millis(p.RunAt), CreatedById = p.CreatedById,
            CreatedByName = p.CreatedByName, Category = p.Category, IpAddress = p.IpAddress, ScheduleId = p.ScheduleId,
            ParentId = p.ParentId, ObjectType = p.ObjectType, ObjectId = p.ObjectId, IdempotencyKey = p.IdempotencyKey,
            TimeoutSeconds = p.TimeoutSeconds, CreatedAt = now, UpdatedAt = now, Name = p.Name,
            ConcurrencyKey = p.ConcurrencyKey, ConcurrencyLimit = p.ConcurrencyLimit,
            Tags = p.Tags, Links = TaskDataColumns.LinksOf(p), ClonedFrom = p.ClonedFrom,
        };
    }

    /// <summary>
    /// Writes the tag and link rows of just-inserted tasks (one statement for the batch; none when no task has a tag
    /// or a link) inside the caller's transaction.
    /// </summary>
    private protected static async Task InsertTaskDataAsync(StoreSession session, IEnumerable<(long Id, CreateTaskParams Task)> tasks, CancellationToken cancellationToken)
    {
        if (TaskDataColumns.ChildRows(tasks) is not { } rows) return;
        await session.Command("task_data_insert").With("tags", rows.Tags).With("links", rows.Links).ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset Millis(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <inheritdoc />
    /// <remarks>
    /// Creates without an idempotency key that arrive together share one transaction (<see cref="CreateGroups"/>); a
    /// keyed create is written alone, since its lookup of the key decides what it returns, and so is a create made by an
    /// operator action under way (a clone: <c>task.clone</c>), which writes its audit entry in the create's transaction.
    /// </remarks>
    public Task<CreateTaskResult> CreateTaskAsync(CreateTaskParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        if (audit is null && p.IdempotencyKey is null && GroupsCreates) return _createGroups.CreateAsync(p, cancellationToken);
        if (audit is null) return CreateAloneAsync(p, cancellationToken);
        return RunAsync(write: true, async session =>
        {
            var result = await CreateOneAsync(session, p, cancellationToken);
            if (result.Created)
            {
                await AuditAsync(session, audit, e => e with { Details = e.Details ?? AuditDetails.Of(("task_id", result.Task.Id)) }, cancellationToken);
            }
            return result;
        }, cancellationToken);
    }

    /// <summary>One create in a write of its own.</summary>
    private Task<CreateTaskResult> CreateAloneAsync(CreateTaskParams p, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => CreateOneAsync(session, p, cancellationToken), cancellationToken);

    /// <summary>True when concurrent single creates are grouped (<see cref="CreateGroups"/>); a store whose own concurrent transactions already share their flushes may write each alone.</summary>
    internal virtual bool GroupsCreates => true;

    /// <summary>How many groups of two or more single creates this store has committed (tests read it to see that creates were grouped).</summary>
    internal long GroupedCreates => _createGroups.Groups;

    /// <summary>The concurrent single creates, grouped into one write each group.</summary>
    private CreateGroups NewCreateGroups() => new(
        tasks => RunAsync(write: true, session => InsertManyAsync(session, tasks, CancellationToken.None), CancellationToken.None),
        p => CreateAloneAsync(p, CancellationToken.None),
        IsRefusal);

    /// <summary>True for an error with which the database refused a write (a statement or the commit failed), so that none of it was committed.</summary>
    private protected abstract bool IsRefusal(Exception exception);

    /// <inheritdoc />
    public Task<IReadOnlyList<CreateTaskResult>> CreateTasksAsync(IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) return Task.FromResult<IReadOnlyList<CreateTaskResult>>([]);
        return RunAsync(write: true, session => CreateTasksAsync(session, tasks, cancellationToken), cancellationToken);
    }

    /// <summary>Inserts a non-empty batch of tasks inside the session's transaction (the store's own, or the application's).</summary>
    private async Task<IReadOnlyList<CreateTaskResult>> CreateTasksAsync(StoreSession session, IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken)
    {
        if (tasks.All(t => t.IdempotencyKey is null))
        {
            var rows = await InsertManyAsync(session, tasks, cancellationToken);
            return [.. rows.Select(row => new CreateTaskResult(row, Created: true))];
        }
        // A key may match a live task, or an earlier task of this batch: one by one, in order.
        var results = new List<CreateTaskResult>(tasks.Count);
        foreach (var task in tasks) results.Add(await CreateOneAsync(session, task, cancellationToken));
        return results;
    }

    /// <summary>The <c>task_insert</c> statement with the task's columns bound.</summary>
    private protected static StoreCommand TaskInsertCommand(StoreSession session, CreateTaskParams p) =>
        session.Command("task_insert")
            .With("worker", p.Worker)
            .With("action", p.Action)
            .With("data", p.Data)
            .With("queue", p.Queue)
            .With("priority", StoreText.Of(p.Priority))
            .With("max_attempts", p.MaxAttempts)
            .With("run_at", p.RunAt)
            .With("created_by_id", p.CreatedById)
            .With("created_by_name", p.CreatedByName)
            .With("category", StoreText.Of(p.Category))
            .With("ip_address", p.IpAddress)
            .With("schedule_id", p.ScheduleId)
            .With("parent_id", p.ParentId)
            .With("object_type", p.ObjectType)
            .With("object_id", p.ObjectId)
            .With("idempotency_key", p.IdempotencyKey)
            .With("timeout_seconds", p.TimeoutSeconds)
            .With("name", p.Name)
            .With("trace_context", p.TraceContext)
            .With("concurrency_key", p.ConcurrencyKey)
            .With("concurrency_limit", p.ConcurrencyLimit)
            .With("tags", TaskDataColumns.TagsValue(p.Tags))
            .With("links", TaskDataColumns.LinksValue(p))
            .With("cloned_from", p.ClonedFrom)
            .With("now", p.Now);

    /// <inheritdoc />
    public Task<IReadOnlyList<WatchedTask>> WatchTasksAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0) return Task.FromResult<IReadOnlyList<WatchedTask>>([]);
        return RunAsync<IReadOnlyList<WatchedTask>>(write: false, async session => await session.Command("tasks_watch")
            .WithList("ids", ids)
            .ReadAllAsync(r => new WatchedTask(Rows.Task(r), r.GetInt64(r.GetOrdinal("last_seq"))), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> GetChangeStampAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
        {
            await using var reader = await session.Command("tasks_change_stamp").ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return "";
            var parts = new string[reader.FieldCount];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
            return string.Join('|', parts);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<TaskRow?> GetTaskAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(write: false, session => ReadTaskAsync(session.Command("task_get").With("id", id), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskLogLine>> GetLogsAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<TaskLogLine>>(write: false, async session => await session.Command("logs_get")
            .With("task_id", taskId)
            .With("after", afterSeq)
            .With("limit", Math.Max(limit, 0))
            .ReadAllAsync(Rows.LogLine, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<int> ProcessPendingAsync(DateTimeOffset now, long? visibleTo, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            var ids = await ReadIdsAsync(session.Command("tasks_process_pending").With("now", now).With("visible_to", visibleTo), cancellationToken);
            await LogManyAsync(session, ids, now, "info", "Execution requested now", cancellationToken);
            await AuditAsync(session, audit, e => e with { Details = e.Details ?? AuditDetails.Of(("count", ids.Count)) }, cancellationToken);
            return ids.Count;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
        {
            await using var reader = await session.Command("tasks_next_due").With("now", now).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Rows.NullableTime(reader, 0) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<DateTimeOffset?> OldestDueAsync(DateTimeOffset now, string? worker, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
        {
            await using var reader = await session.Command("tasks_oldest_due").With("now", now).With("worker", worker).ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Rows.NullableTime(reader, 0) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<CleanupResult> CleanupAsync(CleanupParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        int tasks = 0, lines = 0;
        var keys = new List<string>();
        var removed = new List<long>();
        // Batches keep each write transaction short, so claims are not held up by a large cleanup; on PostgreSQL,
        // SKIP LOCKED lets several nodes clean at once without overlap.
        while (true)
        {
            var batch = await RunAsync(write: true, async session =>
            {
                var ids = new List<long>();
                var batchKeys = new List<string>();
                await using (var reader = await session.Command("cleanup_select")
                    .With("completed_before", p.CompletedBefore)
                    .With("failed_before", p.FailedBefore)
                    .With("deleted_before", p.DeletedBefore)
                    .With("visible_to", p.VisibleTo)
                    .With("limit", CleanupBatch)
                    .ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids.Add(reader.GetInt64(0));
                        if (!reader.IsDBNull(1)) batchKeys.Add(reader.GetString(1));
                    }
                }
                if (ids.Count == 0) return (Tasks: 0, Lines: 0, Keys: batchKeys, Ids: ids);
                var removedLines = await session.Command("cleanup_delete_logs").WithList("ids", ids).ExecuteNonQueryAsync(cancellationToken);
                var removedTasks = await session.Command("cleanup_delete_tasks").WithList("ids", ids).ExecuteNonQueryAsync(cancellationToken);
                return (Tasks: removedTasks, Lines: removedLines, Keys: batchKeys, Ids: ids);
            }, cancellationToken);
            tasks += batch.Tasks;
            lines += batch.Lines;
            keys.AddRange(batch.Keys);
            removed.AddRange(batch.Ids);
            if (batch.Tasks < CleanupBatch) break;
        }
        return new CleanupResult(tasks, lines, keys) { TaskIds = removed };
    }
}
