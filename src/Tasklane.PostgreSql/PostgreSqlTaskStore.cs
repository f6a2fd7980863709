using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Tasklane.PostgreSql;

/// <summary>
/// The Tasklane store on PostgreSQL, for one node or many sharing the database. Its tables live in one
/// schema (<c>tasklane</c> by default). Every operation takes a pooled connection from one
/// <see cref="NpgsqlDataSource"/> and gives it back, so a broken connection is never kept; every write is
/// one transaction. Claims lock candidates with <c>FOR UPDATE SKIP LOCKED</c>, so nodes never claim the same
/// task and never wait for each other; multi-row writes lock their rows in id order, so they never deadlock.
/// Transient failures (server restart, connection refused) surface as exceptions that the engine's loops retry.
/// </summary>
public sealed partial class PostgreSqlTaskStore : SqlTaskStore, IDisposable, IAsyncDisposable
{
    private const int MaxConflictAttempts = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string? _database;
    private readonly ILogger<PostgreSqlTaskStore> _logger;

    /// <summary>Creates a store on the database of <paramref name="connectionString"/>; <see cref="MigrateAsync"/> creates the schema.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema of the tables: lower-case letters, digits and '_'.</param>
    /// <param name="logger">Logs migrations and retried conflicts.</param>
    /// <param name="timeProvider">The clock for times the interface does not pass (token revocation, migration records).</param>
    public PostgreSqlTaskStore(string connectionString, string schema = "tasklane", ILogger<PostgreSqlTaskStore>? logger = null, TimeProvider? timeProvider = null)
        : base(new PostgreSqlDialect(), timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _schema = PostgreSqlSchema.Validate(schema);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.SearchPath = _schema;
        builder.ConnectionStringBuilder.ApplicationName ??= "tasklane";
        // The store sets no session state (its advisory lock is transaction-level, search_path is in the connection
        // string), so a connection given back to the pool needs no DISCARD ALL round trip; its statements are
        // prepared on the connection after a few uses. A connection string that says otherwise wins.
        if (!HasKey(connectionString, "No Reset On Close")) builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (!HasKey(connectionString, "Max Auto Prepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        // No JIT: the store's statements are short, but a range join whose bounds the planner cannot see (the
        // statistics' partial hours) is estimated at millions of rows, and compiling it cost more than running it
        // (docs/performance.md, "PostgreSQL lists and stats at scale").
        if (!HasKey(connectionString, "Options")) builder.ConnectionStringBuilder.Options = "-c jit=off";
        _dataSource = builder.Build();
        _database = builder.ConnectionStringBuilder.Database;
        _logger = logger ?? NullLogger<PostgreSqlTaskStore>.Instance;
    }

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    /// <remarks>True: nodes on several hosts share the database, not a disk.</remarks>
    public override bool FilesInDatabaseByDefault => true;

    /// <summary>The schema that holds the tables.</summary>
    public string Schema => _schema;

    /// <inheritdoc />
    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        RunAsync(write: true, async session =>
        {
            // The advisory lock is held until commit: nodes starting together migrate one after the other.
            await session.Command("migrations_lock").With("schema", _schema).ExecuteNonQueryAsync(cancellationToken);
            var prepare = SqlResources.Get("migrations_prepare").Replace("{schema}", _schema, StringComparison.Ordinal);
            await ApplyMigrationsAsync(session, session.Script(prepare), SqlResources.Migrations(),
                migration => LogMigrationApplied(migration.Name, _schema), cancellationToken);
            return 0;
        }, cancellationToken);

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _dataSource.Dispose();

    /// <summary>True when the connection string itself sets <paramref name="key"/> (with or without its spaces).</summary>
    private static bool HasKey(string connectionString, string key)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey(key) || given.ContainsKey(key.Replace(" ", "", StringComparison.Ordinal));
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>A pooled connection from the data source; a broken one is never kept.</summary>
    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>A deadlock or serialization failure (which the lock order should prevent) is retried, a few times.</summary>
    private protected override bool ShouldRetry(DbException exception, int attempt) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
        && attempt < MaxConflictAttempts;

    /// <summary>A short pause, growing with the attempt, with jitter.</summary>
    private protected override Task PauseBeforeRetryAsync(DbException exception, int attempt, CancellationToken cancellationToken)
    {
        LogConflictRetry(exception, attempt);
        return Task.Delay(TimeSpan.FromMilliseconds(10 * attempt + Random.Shared.Next(10)), TimeProvider, cancellationToken);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Migration} in schema {Schema}")]
    private partial void LogMigrationApplied(string migration, string schema);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "PostgreSQL write conflict (attempt {Attempt}); retrying the operation")]
    private partial void LogConflictRetry(Exception exception, int attempt);
}
