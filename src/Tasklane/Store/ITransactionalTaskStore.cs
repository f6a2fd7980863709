using System.Data.Common;

namespace Tasklane;

/// <summary>
/// A store that can also write tasks inside the application's own open transaction on the store's database, with the
/// statements of its ordinary creates. Both of Tasklane's SQL stores are one.
/// </summary>
public interface ITransactionalTaskStore
{
    /// <summary>
    /// Inserts tasks inside <paramref name="transaction"/> (its connection on this store's database) and returns them
    /// in order, as <see cref="ITaskStore.CreateTasksAsync"/> does; the caller commits or rolls back. A store that can
    /// tell the other nodes at commit does so (PostgreSQL: a NOTIFY, which is delivered only when the transaction commits).
    /// </summary>
    /// <exception cref="InvalidOperationException">The transaction has ended, or its connection is of another database.</exception>
    Task<IReadOnlyList<CreateTaskResult>> CreateTasksAsync(DbTransaction transaction, IReadOnlyList<CreateTaskParams> tasks, CancellationToken cancellationToken);
}
