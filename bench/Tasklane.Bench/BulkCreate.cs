namespace Tasklane.Bench;

/// <summary>
/// Bulk enqueue through the library, in batches of 1,000. <c>ITaskClient.CreateManyAsync</c> is being added on main;
/// until it lands this adapter creates the batch one task at a time, so the figure is the single-create rate.
/// </summary>
internal static class BulkCreate
{
    public const int BatchSize = 1_000;

    /// <summary>Creates <paramref name="count"/> (≤ <see cref="BatchSize"/>) no-op tasks of the bench worker as one batch.</summary>
    public static async Task CreateBatchAsync(ITaskClient client, int count, CancellationToken cancellationToken)
    {
        // TODO: CreateManyAsync — once it is on main, this whole method body becomes:
        // await client.CreateManyAsync(Enumerable.Repeat(new TaskRequest("bench", "noop", null), count).ToList(), cancellationToken);
        for (var i = 0; i < count; i++) await client.CreateAsync("bench", "noop", null, cancellationToken: cancellationToken);
    }
}
