namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<QueueCount>> CountByQueueAsync(long? visibleTo, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<QueueCount>>(write: false, async session => await session.Command("tasks_count_by_queue")
            .With("visible_to", visibleTo)
            .ReadAllAsync(r => new QueueCount(r.GetString(0), StoreText.State(r.GetString(1)), r.GetInt64(2)), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<TaskStats> GetStatsAsync(StatsParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var bucketMs = Math.Max((long)p.Bucket.TotalMilliseconds, 1);
        return RunAsync(write: false, async session =>
        {
            var counts = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
            double? avg = null;
            var workers = new List<WorkerStats>();
            var buckets = new List<StatsBucket>();
            await using var reader = await session.Command("tasks_stats")
                .With("from", p.From)
                .With("to", p.To)
                .With("bucket_ms", bucketMs)
                .With("visible_to", p.VisibleTo)
                .ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var state = StoreText.State(reader.GetString(0));
                counts[state] = reader.GetInt64(1);
                if (state == TaskState.Completed && !reader.IsDBNull(2)) avg = reader.GetDouble(2);
            }
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                workers.Add(new WorkerStats(
                    reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4),
                    Rows.NullableTime(reader, 5)));
            }
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                buckets.Add(new StatsBucket(p.From.AddMilliseconds(reader.GetInt64(0) * (double)bucketMs), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
            return new TaskStats(counts, avg, workers, buckets);
        }, cancellationToken);
    }
}
