using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tasklane.EntityFrameworkCore;

/// <summary>Creates tasks inside an EF Core <see cref="DbContext"/>'s current transaction.</summary>
public static class TaskClientDbContextExtensions
{
    /// <summary>
    /// A client that creates tasks inside <paramref name="context"/>'s current transaction (begun with
    /// <c>context.Database.BeginTransactionAsync()</c>), on the context's connection, which must be on the store's
    /// database (the SQLite file of <c>UseSqlite</c>, the PostgreSQL database of <c>UsePostgreSql</c>): the tasks exist
    /// exactly when that transaction commits, together with what <c>SaveChangesAsync</c> wrote in it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context has no current transaction.</exception>
    public static ITransactionalTaskClient InTransaction(this ITaskClient tasks, DbContext context)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(context);
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException(
                "The DbContext has no current transaction: begin one with context.Database.BeginTransactionAsync() before creating tasks in it.");
        return tasks.InTransaction(transaction.GetDbTransaction());
    }
}
