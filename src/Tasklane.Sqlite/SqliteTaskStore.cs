using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tasklane.Sqlite;

/// <summary>
/// The Tasklane store on one SQLite file. The file is in WAL mode; every read opens a pooled connection, and
/// every write goes through the store's one writer (<see cref="SqliteWriter"/>), which runs the writes queued at the
/// moment inside one IMMEDIATE transaction and commits them together, so processes sharing the file never claim the
/// same task twice. A group that meets a database locked by another process is retried as a whole.
/// </summary>
public sealed partial class SqliteTaskStore : SqlTaskStore, IDisposable, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly ILogger<SqliteTaskStore> _logger;
    private readonly SqliteWriter _writer;

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
        // The writer keeps its own connection for its whole life: its pragmas are set once.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _logger = logger ?? NullLogger<SqliteTaskStore>.Instance;
        _writer = new SqliteWriter(OpenWriterAsync, (connection, transaction, cache) => Session(connection, transaction, cache), TimeProvider, _logger);
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    /// <remarks>False: nodes on one SQLite file share its folder: its files stay beside it.</remarks>
    public override bool FilesInDatabaseByDefault => false;

    /// <summary>How many write groups the writer has committed.</summary>
    internal long WriterCommits => _writer.Commits;

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

    /// <summary>Writes what is queued, closes the writer's connection and the idle pooled connections to the file.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Writes what is queued, closes the writer's connection and the idle pooled connections to the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A fresh pooled connection for reads (a read needs no pragma: WAL readers never wait for the writer).</summary>
    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every write goes through the one writer, grouped with the writes queued beside it.</summary>
    private protected override Task<T> RunWriteAsync<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken) =>
        _writer.RunAsync(work, cancellationToken);

    /// <summary>The writer's own connection, with this store's pragmas set once.</summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_writerConnectionString);
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied SQLite migration {Migration}")]
    private partial void LogMigrationApplied(string migration);
}
