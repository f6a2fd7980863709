namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>The insert itself finds the holder of the key (<see cref="InsertTaskAsync"/>).</summary>
    private protected override Task<CreateTaskResult> CreateOneAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken) =>
        InsertTaskAsync(session, p, cancellationToken);

    /// <summary>
    /// False: each single create is its own transaction on a pooled connection. PostgreSQL already flushes concurrent
    /// commits together, and one group in flight at a time made 8 callers slower in the benchmark (docs/performance.md).
    /// </summary>
    internal override bool GroupsCreates => false;

    /// <summary>An error the server answered with: the statement or the commit failed, the transaction was rolled back.</summary>
    private protected override bool IsRefusal(Exception exception) => exception is Npgsql.PostgresException;

    /// <summary>One statement for the whole batch: the tasks from parallel arrays (<c>unnest</c>), with their first log lines.</summary>
    private protected override async Task<IReadOnlyList<TaskRow>> InsertManyAsync(StoreSession session, IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken)
    {
        var ids = await ReadIdsAsync(session.Command("tasks_insert_many")
            .With("workers", tasks.Select(t => t.Worker).ToArray())
            .With("actions", tasks.Select(t => t.Action).ToArray())
            .With("datas", tasks.Select(t => t.Data).ToArray())
            .With("queues", tasks.Select(t => t.Queue).ToArray())
            .With("priorities", tasks.Select(t => StoreText.Of(t.Priority)).ToArray())
            .With("max_attempts", tasks.Select(t => t.MaxAttempts).ToArray())
            .With("run_ats", tasks.Select(t => t.RunAt).ToArray())
            .With("created_by_ids", tasks.Select(t => t.CreatedById).ToArray())
            .With("created_by_names", tasks.Select(t => t.CreatedByName).ToArray())
            .With("categories", tasks.Select(t => StoreText.Of(t.Category)).ToArray())
            .With("ip_addresses", tasks.Select(t => t.IpAddress).ToArray())
            .With("schedule_ids", tasks.Select(t => t.ScheduleId).ToArray())
            .With("parent_ids", tasks.Select(t => t.ParentId).ToArray())
            .With("object_types", tasks.Select(t => t.ObjectType).ToArray())
            .With("object_ids", tasks.Select(t => t.ObjectId).ToArray())
            .With("timeout_seconds", tasks.Select(t => t.TimeoutSeconds).ToArray())
            .With("names", tasks.Select(t => t.Name).ToArray())
            .With("log_messages", tasks.Select(t => t.LogMessage).ToArray())
            .With("trace_contexts", tasks.Select(t => t.TraceContext).ToArray())
            .With("concurrency_keys", tasks.Select(t => t.ConcurrencyKey).ToArray())
            .With("concurrency_limits", tasks.Select(t => t.ConcurrencyLimit).ToArray())
            .With("created_ats", tasks.Select(t => t.Now).ToArray())
            .With("tags", tasks.Select(t => TaskDataColumns.TagsValue(t.Tags)).ToArray())
            .With("links", tasks.Select(t => TaskDataColumns.LinksValue(t)).ToArray())
            .With("cloned_froms", tasks.Select(t => t.ClonedFrom).ToArray()), cancellationToken);
        await InsertTaskDataAsync(session, tasks.Select((t, i) => (ids[i], t)), cancellationToken);
        return [.. tasks.Select((t, i) => NewRow(t, ids[i]))];
    }

    /// <summary>
    /// Inserts a task and its first log line inside the caller's transaction, or finds the live task that holds the
    /// idempotency key (ON CONFLICT makes the check race-free: it waits for a concurrent insert of the same key).
    /// </summary>
    private protected override async Task<CreateTaskResult> InsertTaskAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken)
    {
        while (true)
        {
            var inserted = await ReadTaskAsync(TaskInsertCommand(session, p).With("log_message", p.LogMessage), cancellationToken);
            if (inserted is not null)
            {
                await InsertTaskDataAsync(session, [(inserted.Id, p)], cancellationToken);
                return new CreateTaskResult(inserted, Created: true);
            }

            var existing = await ReadTaskAsync(session.Command("task_find_by_key").With("idempotency_key", p.IdempotencyKey), cancellationToken);
            if (existing is not null) return new CreateTaskResult(existing, Created: false);
            // The holder of the key was deleted in between: insert again.
        }
    }
}
