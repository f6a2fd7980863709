namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <summary>The IMMEDIATE transaction holds the write lock, so the lookup of the key and the insert cannot race.</summary>
    private protected override async Task<CreateTaskResult> CreateOneAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken)
    {
        if (p.IdempotencyKey is not null)
        {
            var existing = await ReadTaskAsync(session.Command("task_find_by_key").With("idempotency_key", p.IdempotencyKey), cancellationToken);
            if (existing is not null) return new CreateTaskResult(existing, Created: false);
        }
        return await InsertTaskAsync(session, p, cancellationToken);
    }

    /// <summary>Any error of SQLite: the write's savepoint (or the writer's whole group) was rolled back.</summary>
    private protected override bool IsRefusal(Exception exception) => exception is Microsoft.Data.Sqlite.SqliteException;

    /// <summary>Two statements for the whole batch: the tasks from one JSON array of rows, then their first log lines.</summary>
    private protected override async Task<IReadOnlyList<TaskRow>> InsertManyAsync(StoreSession session, IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken)
    {
        var ids = await ReadIdsAsync(session.Command("tasks_insert_many").With("rows", SqliteTaskRows.Json(tasks)), cancellationToken);
        ids.Sort();
        await session.Command("tasks_insert_many_logs")
            .With("lines", SqliteJsonRows.Write(tasks.Select((t, i) => (Id: ids[i], t.LogMessage)), static (json, line) =>
            {
                json.WriteNumberValue(line.Id);
                json.WriteStringValue(line.LogMessage);
            }))
            .ExecuteNonQueryAsync(cancellationToken);
        await InsertTaskDataAsync(session, tasks.Select((t, i) => (ids[i], t)), cancellationToken);
        return [.. tasks.Select((t, i) => NewRow(t, ids[i]))];
    }

    /// <summary>Inserts a task and its first log line inside the caller's transaction; always a new task.</summary>
    private protected override async Task<CreateTaskResult> InsertTaskAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken)
    {
        var id = (long)(await TaskInsertCommand(session, p).ExecuteScalarAsync(cancellationToken))!;
        await LogAsync(session, id, p.Now, "info", p.LogMessage, cancellationToken);
        await InsertTaskDataAsync(session, [(id, p)], cancellationToken);
        return new CreateTaskResult(NewRow(p, id), Created: true);
    }
}
