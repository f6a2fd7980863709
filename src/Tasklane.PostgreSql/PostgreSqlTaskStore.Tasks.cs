namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <inheritdoc />
    public override Task<CreateTaskResult> CreateTaskAsync(CreateTaskParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        return RunAsync(write: true, session => InsertTaskAsync(session, p, cancellationToken), cancellationToken);
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
            if (inserted is not null) return new CreateTaskResult(inserted, Created: true);

            var existing = await ReadTaskAsync(session.Command("task_find_by_key").With("idempotency_key", p.IdempotencyKey), cancellationToken);
            if (existing is not null) return new CreateTaskResult(existing, Created: false);
            // The holder of the key was deleted in between: insert again.
        }
    }
}
