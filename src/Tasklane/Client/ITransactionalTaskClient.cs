using System.Data.Common;

namespace Tasklane;

/// <summary>
/// Creates tasks inside the application's own open transaction on the store's database (from
/// <see cref="ITaskClient.InTransaction"/>): the tasks are written by that transaction, so they exist exactly when it
/// commits, and never when it rolls back. The engine is woken once the commit is visible.
/// </summary>
public interface ITransactionalTaskClient
{
    /// <summary>The application's transaction the tasks are written in.</summary>
    DbTransaction Transaction { get; }

    /// <summary>
    /// Creates a task inside <see cref="Transaction"/>, with the checks of <see cref="ITaskClient.CreateAsync"/>. The
    /// returned row has its id; nothing runs before the transaction commits.
    /// </summary>
    /// <exception cref="TaskCreateException">Unknown worker or action, inactive worker, or data that does not fit.</exception>
    /// <exception cref="InvalidOperationException">The transaction has ended, or its connection is not on the store's database.</exception>
    Task<TaskRow> CreateAsync(string worker, string action, object? data, TaskOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a batch of tasks inside <see cref="Transaction"/>, each checked as <see cref="ITaskClient.CreateManyAsync"/>
    /// checks it before anything is written; returns them in order.
    /// </summary>
    /// <exception cref="TaskCreateException">One of them is refused; <see cref="TaskCreateException.Field"/> starts with <c>tasks[i].</c>, and nothing is written.</exception>
    /// <exception cref="InvalidOperationException">The transaction has ended, or its connection is not on the store's database.</exception>
    Task<IReadOnlyList<TaskRow>> CreateManyAsync(IReadOnlyList<TaskRequest> tasks, CancellationToken cancellationToken = default);
}
