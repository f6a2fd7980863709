using System.Data.Common;

namespace Tasklane.Storage;

/// <summary>
/// The part of Tasklane's SQL stores that reads the same on every database: each operation opens a pooled connection
/// (a write runs in one transaction), runs statements from the store's embedded SQL, and binds parameters and reads
/// rows the way that database keeps values. A store supplies only what truly differs: how a connection is opened and a
/// write transaction begun, which failures are retried, row locking, idempotent inserts, the recomputation of parents,
/// and how outcomes, reports and settings are written in bulk.
/// Only Tasklane's own stores (<c>SqliteTaskStore</c>, <c>PostgreSqlTaskStore</c>) derive from it: its constructor
/// and extension points are not public.
/// </summary>
public abstract partial class SqlTaskStore : ITaskStore, IAccountStore
{
    private readonly SqlDialect _dialect;
    private readonly CreateGroups _createGroups;

    private protected SqlTaskStore(SqlDialect dialect, TimeProvider? timeProvider)
    {
        _dialect = dialect;
        Rows = new StoreRows(dialect);
        TimeProvider = timeProvider ?? TimeProvider.System;
        _createGroups = NewCreateGroups();
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The clock for times the interface does not pass (token revocation, migration records).</summary>
    private protected TimeProvider TimeProvider { get; }

    /// <summary>Reads rows into the model.</summary>
    private protected StoreRows Rows { get; }

    /// <inheritdoc />
    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, session => session.Command("ping").ExecuteScalarAsync(cancellationToken), cancellationToken);

    /// <summary>Opens a pooled connection, ready for statements.</summary>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins the one transaction of a write.</summary>
    private protected virtual async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>True when the operation that failed with <paramref name="exception"/> on its <paramref name="attempt"/>th try is run again.</summary>
    private protected virtual bool ShouldRetry(DbException exception, int attempt) => false;

    /// <summary>
    /// Inside a write's transaction: tells every node sharing the store of <paramref name="kind"/> when (and only if) the
    /// transaction commits. Nothing on a store whose notifications stay in one process (SQLite): there the caller's node
    /// acts on the change itself, and another process on the same file sees it at its next poll.
    /// </summary>
    private protected virtual Task AnnounceAsync(StoreSession session, TaskNotificationKind kind, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Logs the retry and waits before the next attempt.</summary>
    private protected virtual Task PauseBeforeRetryAsync(DbException exception, int attempt, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs <paramref name="work"/>: a read on a fresh pooled connection, a write through <see cref="RunWriteAsync"/>.
    /// </summary>
    private protected Task<T> RunAsync<T>(bool write, Func<StoreSession, Task<T>> work, CancellationToken cancellationToken) =>
        write ? RunWriteAsync(work, cancellationToken) : RunReadAsync(work, cancellationToken);

    /// <summary>Runs a read on a fresh pooled connection.</summary>
    private protected async Task<T> RunReadAsync<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var session = new StoreSession(connection, null, _dialect);
        return await work(session);
    }

    /// <summary>
    /// Runs a write inside one transaction on a fresh pooled connection. A failure that <see cref="ShouldRetry"/>
    /// accepts runs the whole operation again; every other error surfaces. A store may group writes instead (SQLite).
    /// </summary>
    private protected virtual async Task<T> RunWriteAsync<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenConnectionAsync(cancellationToken);
                await using var transaction = await BeginWriteAsync(connection, cancellationToken);
                T result;
                await using (var session = new StoreSession(connection, transaction, _dialect))
                {
                    result = await work(session);
                }
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbException ex) when (ShouldRetry(ex, attempt))
            {
                await PauseBeforeRetryAsync(ex, attempt, cancellationToken);
            }
        }
    }

    /// <summary>A session on <paramref name="connection"/> inside <paramref name="transaction"/> (a store's own write loop), its commands kept in <paramref name="cache"/>.</summary>
    private protected StoreSession Session(DbConnection connection, DbTransaction? transaction, StatementCache? cache) => new(connection, transaction, _dialect, cache);

    /// <summary>
    /// Applies the migrations whose versions <paramref name="prepare"/> does not return (in any of its results), each
    /// with its record, inside the session's transaction; <paramref name="applied"/> hears of each.
    /// </summary>
    private protected async Task ApplyMigrationsAsync(
        StoreSession session,
        StoreCommand prepare,
        IReadOnlyList<SqlMigration> migrations,
        Action<SqlMigration> applied,
        CancellationToken cancellationToken)
    {
        var versions = new HashSet<int>();
        await using (var reader = await prepare.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken)) versions.Add(reader.GetInt32(0));
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        foreach (var migration in migrations)
        {
            if (versions.Contains(migration.Version)) continue;
            await session.Script(migration.Sql).ExecuteNonQueryAsync(cancellationToken);
            await session.Command("migrations_record")
                .With("version", migration.Version)
                .With("name", migration.Name)
                .With("applied_at", TimeProvider.GetUtcNow())
                .ExecuteNonQueryAsync(cancellationToken);
            applied(migration);
        }
    }

    private protected Task<List<TaskRow>> ReadTasksAsync(StoreCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(Rows.Task, cancellationToken);

    private protected async Task<TaskRow?> ReadTaskAsync(StoreCommand command, CancellationToken cancellationToken) =>
        (await ReadTasksAsync(command, cancellationToken)).FirstOrDefault();

    private protected static Task<List<long>> ReadIdsAsync(StoreCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(StoreRows.Id, cancellationToken);

    private protected Task<TaskRow?> GetAnyAsync(StoreSession session, long id, CancellationToken cancellationToken) =>
        ReadTaskAsync(session.Command("task_get_any").With("id", id), cancellationToken);

    private protected static Task<int> LogAsync(StoreSession session, long id, DateTimeOffset at, string level, string message, CancellationToken cancellationToken) =>
        session.Command("log_insert")
            .With("id", id)
            .With("at", at)
            .With("level", level)
            .With("message", message)
            .ExecuteNonQueryAsync(cancellationToken);

    private protected static Task<int> LogManyAsync(StoreSession session, IReadOnlyList<long> ids, DateTimeOffset at, string level, string message, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : session.Command("log_insert_many")
                .WithList("ids", ids)
                .With("at", at)
                .With("level", level)
                .With("message", message)
                .ExecuteNonQueryAsync(cancellationToken);
}
