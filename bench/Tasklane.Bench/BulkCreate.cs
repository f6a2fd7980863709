namespace Tasklane.Bench;

/// <summary>Bulk enqueue through the library: <see cref="ITaskClient.CreateManyAsync"/>, in batches of 1,000.</summary>
internal static class BulkCreate
{
    public const int BatchSize = 1_000;

    /// <summary>Creates <paramref name="count"/> (≤ <see cref="BatchSize"/>) no-op tasks of the bench worker as one batch; returns how many were created.</summary>
    public static async Task<int> CreateBatchAsync(ITaskClient client, int count, CancellationToken timeBox) =>
        timeBox.IsCancellationRequested
            ? 0
            : (await client.CreateManyAsync(Enumerable.Repeat(new TaskRequest("bench", "noop", null), count).ToList(), CancellationToken.None)).Count;
}
