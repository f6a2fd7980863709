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
public sealed partial class PostgreSqlTaskStore : ITaskStore, IDisposable, IAsyncDisposable
{
    private const int MaxConflictAttempts = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly ILogger<PostgreSqlTaskStore> _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store on the database of <paramref name="connectionString"/>; <see cref="MigrateAsync"/> creates the schema.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema of the tables: lower-case letters, digits and '_'.</param>
    /// <param name="logger">Logs migrations and retried conflicts.</param>
    /// <param name="timeProvider">The clock for times the interface does not pass (token revocation, migration records).</param>
    public PostgreSqlTaskStore(string connectionString, string schema = "tasklane", ILogger<PostgreSqlTaskStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _schema = PostgreSqlSchema.Validate(schema);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.SearchPath = _schema;
        builder.ConnectionStringBuilder.ApplicationName ??= "tasklane";
        _dataSource = builder.Build();
        _logger = logger ?? NullLogger<PostgreSqlTaskStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => "postgresql";

    /// <summary>The schema that holds the tables.</summary>
    public string Schema => _schema;

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        RunAsync(write: true, async session =>
        {
            // The advisory lock is held until commit: nodes starting together migrate one after the other.
            await session.Command("migrations_lock").With("schema", _schema).ExecuteNonQueryAsync(cancellationToken);
            var prepare = SqlResources.Get("migrations_prepare").Replace("{schema}", _schema, StringComparison.Ordinal);
            var applied = new HashSet<int>();
            await using (var reader = await session.Script(prepare).ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
                }
                while (await reader.NextResultAsync(cancellationToken));
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
                LogMigrationApplied(migration.Name, _schema);
            }
            return 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, session => session.Command("ping").ExecuteScalarAsync(cancellationToken), cancellationToken);

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _dataSource.Dispose();

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection; a write inside one transaction. A deadlock or
    /// serialization failure (which the lock order should prevent) is retried as a whole; every other error surfaces.
    /// </summary>
    private async Task<T> RunAsync<T>(bool write, Func<PostgreSqlSession, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                if (!write) return await work(new PostgreSqlSession(connection, null));

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(new PostgreSqlSession(connection, transaction));
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                                               && attempt < MaxConflictAttempts)
            {
                LogConflictRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt + Random.Shared.Next(10)), cancellationToken);
            }
        }
    }

    private static async Task<List<TaskRow>> ReadTasksAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<TaskRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(PostgreSqlRows.Task(reader));
        return rows;
    }

    private static async Task<TaskRow?> ReadTaskAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        (await ReadTasksAsync(command, cancellationToken)).FirstOrDefault();

    private static async Task<List<long>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static Task<TaskRow?> GetAnyAsync(PostgreSqlSession session, long id, CancellationToken cancellationToken) =>
        ReadTaskAsync(session.Command("task_get_any").With("id", id), cancellationToken);

    private static Task<int> LogAsync(PostgreSqlSession session, long id, DateTimeOffset at, string level, string message, CancellationToken cancellationToken) =>
        session.Command("log_insert")
            .With("id", id)
            .With("at", at)
            .With("level", level)
            .With("message", message)
            .ExecuteNonQueryAsync(cancellationToken);

    private static Task<int> LogManyAsync(PostgreSqlSession session, IReadOnlyList<long> ids, DateTimeOffset at, string level, string message, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : session.Command("log_insert_many")
                .With("ids", ids.ToArray())
                .With("at", at)
                .With("level", level)
                .With("message", message)
                .ExecuteNonQueryAsync(cancellationToken);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Migration} in schema {Schema}")]
    private partial void LogMigrationApplied(string migration, string schema);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "PostgreSQL write conflict (attempt {Attempt}); retrying the operation")]
    private partial void LogConflictRetry(Exception exception, int attempt);
}
