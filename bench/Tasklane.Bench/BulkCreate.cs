namespace Tasklane.Bench;

/// <summary>
/// Bulk enqueue through the library, in batches of 1,000. <c>ITaskClient.CreateManyAsync</c> is being added on main;
/// until it lands this adapter creates the batch one task at a time, so the figure is the single-create rate.
/// </summary>
internal static class BulkCreate
{
    public const int BatchSize = 1_000;

    /// <summary>
    /// Creates <paramref name="count"/> (≤ <see cref="BatchSize"/>) no-op tasks of the bench worker as one batch; returns how many were
    /// created (the one-at-a-time stand-in stops early when <paramref name="timeBox"/> is cancelled).
    /// </summary>
    public static async Task<int> CreateBatchAsync(ITaskClient client, int count, CancellationToken timeBox)
    {
        // TODO: CreateManyAsync — once it is on main, this whole method body becomes:
        // return (await client.CreateManyAsync(Enumerable.Repeat(new TaskRequest("bench", "noop", null), count).ToList(), CancellationToken.None)).Count;
        var created = 0;
        while (created < count && !timeBox.IsCancellationRequested)
        {
            await client.CreateAsync("bench", "noop", null, cancellationToken: CancellationToken.None);
            created++;
        }
        return created;
    }
}
