using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Tasklane.Sqlite;

/// <remarks>
/// Tasks created inside the application's transaction are written by the application's own connection, beside this
/// store's one writer: SQLite lets one write transaction at a time, so the two wait for each other. Begin that
/// transaction with <c>BeginTransaction()</c> (Microsoft.Data.Sqlite's default, <c>BEGIN IMMEDIATE</c>): it takes the
/// write lock at once, waiting for the writer's current group for up to the command timeout, and then its inserts never
/// meet SQLITE_BUSY. A deferred transaction that has read before it writes can fail with SQLITE_BUSY at its first write
/// when Tasklane wrote meanwhile; that error is the application's to retry, with its whole transaction. While the
/// application's transaction is open, the writer's groups wait for it (5 s, then retried with backoff): keep it short.
/// </remarks>
public sealed partial class SqliteTaskStore
{
    private string? _databaseFile;

    /// <summary>
    /// The application's connection may hold a copy of the schema older than the file (another connection migrated or
    /// changed it since): it is checked first, as the writer does at each group (schema_check.sql).
    /// </summary>
    private protected override async Task<T> InApplicationTransactionAsync<T>(StoreSession session, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await session.Command("schema_check").ExecuteNonQueryAsync(cancellationToken);
        return await work();
    }

    /// <summary>A <see cref="SqliteConnection"/> on this store's file, as SQLite names it (links resolved).</summary>
    private protected override async ValueTask CheckApplicationConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection sqlite)
        {
            throw new InvalidOperationException($"The SQLite store writes tasks in a transaction of a SqliteConnection, not of a {connection.GetType().Name}.");
        }
        if (_databaseFile is null)
        {
            await using var own = (SqliteConnection)await OpenConnectionAsync(cancellationToken);
            _databaseFile = own.DataSource;
        }
        if (!string.Equals(sqlite.DataSource, _databaseFile, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The transaction's connection is on '{sqlite.DataSource}', the Tasklane store on '{_databaseFile}': a task is created in a transaction on the store's own database file.");
        }
    }
}
