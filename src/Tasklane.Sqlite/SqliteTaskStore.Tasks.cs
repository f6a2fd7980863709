namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <inheritdoc />
    public override Task<CreateTaskResult> CreateTaskAsync(CreateTaskParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        return RunAsync(write: true, async session =>
        {
            // The IMMEDIATE transaction holds the write lock, so the lookup and the insert cannot race.
            if (p.IdempotencyKey is not null)
            {
                var existing = await ReadTaskAsync(session.Command("task_find_by_key").With("idempotency_key", p.IdempotencyKey), cancellationToken);
                if (existing is not null) return new CreateTaskResult(existing, Created: false);
            }
            return await InsertTaskAsync(session, p, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Inserts a task and its first log line inside the caller's transaction; always a new task.</summary>
    private protected override async Task<CreateTaskResult> InsertTaskAsync(StoreSession session, CreateTaskParams p, CancellationToken cancellationToken)
    {
        var id = (long)(await TaskInsertCommand(session, p).ExecuteScalarAsync(cancellationToken))!;
        await LogAsync(session, id, p.Now, "info", p.LogMessage, cancellationToken);
        return new CreateTaskResult((await GetAnyAsync(session, id, cancellationToken))!, Created: true);
    }
}
