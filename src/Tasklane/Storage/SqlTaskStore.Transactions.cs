using System.Data;
using System.Data.Common;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore : ITransactionalTaskStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<CreateTaskResult>> CreateTasksAsync(DbTransaction transaction, IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(tasks);
        var connection = transaction.Connection
            ?? throw new InvalidOperationException("The transaction has already been committed or rolled back: create the tasks before the commit.");
        if (connection.State != ConnectionState.Open) throw new InvalidOperationException("The transaction's connection is not open.");
        if (tasks.Count == 0) return [];
        await CheckApplicationConnectionAsync(connection, cancellationToken);
        // The application's connection and transaction, with the statements and rows of an ordinary create.
        await using var session = new StoreSession(connection, transaction, _dialect);
        return await InApplicationTransactionAsync(session, () => CreateTasksAsync(session, tasks, cancellationToken), cancellationToken);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when <paramref name="connection"/> is not of this store's database.</summary>
    private protected abstract ValueTask CheckApplicationConnectionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Runs Tasklane's statements inside the application's transaction: what a store must set around them (the
    /// schema) and what it does after them (tell the nodes at commit).
    /// </summary>
    private protected virtual Task<T> InApplicationTransactionAsync<T>(StoreSession session, Func<Task<T>> work, CancellationToken cancellationToken) => work();
}
