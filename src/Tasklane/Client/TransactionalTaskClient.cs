using System.Data.Common;

namespace Tasklane;

/// <summary>The task client bound to one application transaction (<see cref="ITaskClient.InTransaction"/>).</summary>
internal sealed class TransactionalTaskClient(TaskClient client, DbTransaction transaction) : ITransactionalTaskClient
{
    public DbTransaction Transaction => transaction;

    public async Task<TaskRow> CreateAsync(string worker, string action, object? data, TaskOptions? options = null, CancellationToken cancellationToken = default) =>
        (await client.CreateInTransactionAsync(transaction, [new TaskRequest(worker, action, data, options)], cancellationToken, single: true))[0];

    public Task<IReadOnlyList<TaskRow>> CreateManyAsync(IReadOnlyList<TaskRequest> tasks, CancellationToken cancellationToken = default) =>
        client.CreateInTransactionAsync(transaction, tasks, cancellationToken);
}
