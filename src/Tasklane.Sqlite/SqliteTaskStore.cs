using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tasklane.Sqlite;

/// <summary>
/// The Tasklane store on one SQLite file. The file is in WAL mode; every operation opens a pooled
/// connection, and every write runs in one IMMEDIATE transaction, so processes sharing the file never
/// claim the same task twice. A write that meets a locked database is retried as a whole.
/// </summary>
public sealed partial class SqliteTaskStore : SqlTaskStore, IDisposable
{
    private const int MaxBusyAttempts = 8;

    private readonly string _connectionString;
    private readonly ILogger<SqliteTaskStore> _logger;

    /// <summary>Creates a store on the file at <paramref name="databasePath"/> (created when missing).</summary>
    /// <param name="databasePath">The database file.</param>
    /// <param name="logger">Logs migrations and lock retries.</param>
    /// <param name="timeProvider">The clock for times the interface does not pass (token revocation, migration records).</param>
    public SqliteTaskStore(string databasePath, ILogger<SqliteTaskStore>? logger = null, TimeProvider? timeProvider = null)
        : base(new SqliteDialect(), timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _logger = logger ?? NullLogger<SqliteTaskStore>.Instance;
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await RunAsync(write: false, async session =>
        {
            await session.Command("journal_mode").ExecuteNonQueryAsync(cancellationToken);
            return 0;
        }, cancellationToken);

        await RunAsync(write: true, async session =>
        {
            await ApplyMigrationsAsync(session, session.Command("migrations_prepare"), SqlResources.Migrations(),
                migration => LogMigrationApplied(migration.Name), cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Closes the idle pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A fresh pooled connection with this store's pragmas set.</summary>
    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var open = connection.CreateCommand();
            open.CommandText = SqlResources.Get("connection_open");
            await open.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An IMMEDIATE transaction: it takes the write lock at once, so reads inside it cannot go stale.</summary>
    private protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>The database stayed locked past the busy timeout: the whole operation is retried, a few times.</summary>
    private protected override bool ShouldRetry(DbException exception, int attempt) =>
        exception is SqliteException ex && IsBusy(ex) && attempt < MaxBusyAttempts;

    /// <summary>A growing pause, with jitter, before the next attempt.</summary>
    private protected override Task PauseBeforeRetryAsync(DbException exception, int attempt, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds((25 << Math.Min(attempt, 6)) + Random.Shared.Next(25));
        LogBusyRetry(exception, attempt, pause.TotalMilliseconds);
        return Task.Delay(pause, TimeProvider, cancellationToken);
    }

    private static bool IsBusy(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied SQLite migration {Migration}")]
    private partial void LogMigrationApplied(string migration);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SQLite database locked (attempt {Attempt}); retrying the operation in {PauseMs} ms")]
    private partial void LogBusyRetry(Exception exception, int attempt, double pauseMs);
}
