using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tasklane.Sqlite;

/// <summary>
/// The Tasklane store on one SQLite file. The file is in WAL mode; every operation opens a pooled
/// connection, and every write runs in one IMMEDIATE transaction, so processes sharing the file never
/// claim the same task twice. A write that meets a locked database is retried as a whole.
/// </summary>
public sealed partial class SqliteTaskStore : ITaskStore, IDisposable
{
    private const int MaxBusyAttempts = 8;

    private readonly string _connectionString;
    private readonly ILogger<SqliteTaskStore> _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store on the file at <paramref name="databasePath"/> (created when missing).</summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="logger">Logs migrations and lock retries.</param>
    /// <param name="timeProvider">The clock for times the interface does not pass (token revocation, migration records).</param>
    public SqliteTaskStore(string databasePath, ILogger<SqliteTaskStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _logger = logger ?? NullLogger<SqliteTaskStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <inheritdoc />
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await RunAsync(write: false, async session =>
        {
            await session.Command("journal_mode").ExecuteNonQueryAsync(cancellationToken);
            return 0;
        }, cancellationToken);

        await RunAsync(write: true, async session =>
        {
            var applied = new HashSet<int>();
            await using (var reader = await session.Command("migrations_prepare").ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
            }
            foreach (var migration in SqlResources.Migrations())
            {
                if (applied.Contains(migration.Version)) continue;
                await session.Script(migration.Sql).ExecuteNonQueryAsync(cancellationToken);
                await session.Command("migrations_record")
                    .With("version", migration.Version)
                    .With("name", migration.Name)
                    .With("applied_at", _timeProvider.GetUtcNow())
                    .ExecuteNonQueryAsync(cancellationToken);
                LogMigrationApplied(migration.Name);
            }
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, session => session.Command("ping").ExecuteScalarAsync(cancellationToken), cancellationToken);

    /// <summary>Closes the idle pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh pooled connection; a write inside one IMMEDIATE transaction.
    /// When the database stays locked past the busy timeout the whole operation is retried with a growing pause.
    /// </summary>
    private async Task<T> RunAsync<T>(bool write, Func<SqliteSession, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(cancellationToken);
                await using (var open = connection.CreateCommand())
                {
                    open.CommandText = SqlResources.Get("connection_open");
                    await open.ExecuteNonQueryAsync(cancellationToken);
                }
                if (!write) return await work(new SqliteSession(connection, null));

                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(new SqliteSession(connection, transaction));
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (SqliteException ex) when (IsBusy(ex) && attempt < MaxBusyAttempts)
            {
                var pause = TimeSpan.FromMilliseconds((25 << Math.Min(attempt, 6)) + Random.Shared.Next(25));
                LogBusyRetry(ex, attempt, pause.TotalMilliseconds);
                await Task.Delay(pause, _timeProvider, cancellationToken);
            }
        }
    }

    private static bool IsBusy(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private static async Task<List<TaskRow>> ReadTasksAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<TaskRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(SqliteRows.Task(reader));
        return rows;
    }

    private static async Task<TaskRow?> ReadTaskAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        (await ReadTasksAsync(command, cancellationToken)).FirstOrDefault();

    private static async Task<List<long>> ReadIdsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static Task<TaskRow?> GetAnyAsync(SqliteSession session, long id, CancellationToken cancellationToken) =>
        ReadTaskAsync(session.Command("task_get_any").With("id", id), cancellationToken);

    private static Task<int> LogAsync(SqliteSession session, long id, DateTimeOffset at, string level, string message, CancellationToken cancellationToken) =>
        session.Command("log_insert")
            .With("id", id)
            .With("at", at)
            .With("level", level)
            .With("message", message)
            .ExecuteNonQueryAsync(cancellationToken);

    private static Task<int> LogManyAsync(SqliteSession session, IReadOnlyList<long> ids, DateTimeOffset at, string level, string message, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : session.Command("log_insert_many")
                .WithJson("ids", ids)
                .With("at", at)
                .With("level", level)
                .With("message", message)
                .ExecuteNonQueryAsync(cancellationToken);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied SQLite migration {Migration}")]
    private partial void LogMigrationApplied(string migration);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SQLite database locked (attempt {Attempt}); retrying the operation in {PauseMs} ms")]
    private partial void LogBusyRetry(Exception exception, int attempt, double pauseMs);
}
