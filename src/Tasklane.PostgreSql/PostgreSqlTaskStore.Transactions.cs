using System.Data.Common;
using Npgsql;

namespace Tasklane.PostgreSql;

/// <remarks>
/// Tasks created inside the application's transaction are written by the application's connection, with the store's
/// statements: the transaction's search_path points at the store's schema around them and is put back after, and a
/// NOTIFY sent in the transaction wakes every node when (and only if) it commits.
/// </remarks>
public sealed partial class PostgreSqlTaskStore
{
    /// <summary>An <see cref="NpgsqlConnection"/> on this store's database.</summary>
    private protected override ValueTask CheckApplicationConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not NpgsqlConnection npgsql)
        {
            throw new InvalidOperationException($"The PostgreSQL store writes tasks in a transaction of an NpgsqlConnection, not of a {connection.GetType().Name}.");
        }
        if (_database is { } database && npgsql.Database is { } theirs && !string.Equals(database, theirs, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The transaction's connection is on database '{theirs}', the Tasklane store on '{database}': a task is created in a transaction on the store's own database.");
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The store's schema around the statements; after them the NOTIFY that commit delivers, and the application's search_path back.</summary>
    private protected override async Task<T> InApplicationTransactionAsync<T>(StoreSession session, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var searchPath = (string)(await session.Command("transaction_enter").With("schema", _schema).ExecuteScalarAsync(cancellationToken))!;
        // On an error the transaction is aborted and can only roll back, which puts the search_path back itself.
        var result = await work();
        await session.Command("transaction_leave")
            .With("channel", PostgreSqlSchema.Channel(_schema))
            .With("payload", TaskNotificationPayload.Write(new TaskNotification(TaskNotificationKind.TaskDue)))
            .With("search_path", searchPath)
            .ExecuteNonQueryAsync(cancellationToken);
        return result;
    }
}
