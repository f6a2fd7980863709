namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <summary>The most buckets a range is split into before the store reads the whole range from the tasks.</summary>
    private const int MaxCountedBuckets = 1_000;

    /// <inheritdoc />
    public Task<IReadOnlyList<QueueCount>> CountByQueueAsync(long? visibleTo, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<QueueCount>>(write: false, async session =>
        {
            var counts = new List<QueueCount>();
            await using var reader = await session.Command("tasks_count_by_queue").With("visible_to", visibleTo).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var queue = reader.GetString(0);
                var subtask = _dialect.Boolean(reader, 6);
                foreach (var (state, ordinal) in StatusColumns)
                {
                    var count = reader.IsDBNull(ordinal + 1) ? 0 : reader.GetInt64(ordinal + 1);
                    if (count != 0) counts.Add(new QueueCount(queue, state, count, subtask));
                }
            }
            return counts;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<TaskStats> GetStatsAsync(StatsParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var bucketMs = Math.Max((long)p.Bucket.TotalMilliseconds, 1);
        var fromMs = p.From.ToUnixTimeMilliseconds();
        var toMs = p.To.ToUnixTimeMilliseconds();
        // A range cut into very many buckets (not one the API asks for) is read from the tasks, hour by hour.
        IReadOnlyList<long> direct = toMs < fromMs ? [] : (toMs - fromMs) / bucketMs > MaxCountedBuckets
            ? AllHours(fromMs, toMs)
            : StatsHours.Direct(fromMs, toMs, bucketMs);
        return RunAsync(write: false, async session =>
        {
            var counts = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
            var workers = new SortedDictionary<string, StatsTally>(StringComparer.Ordinal);
            var buckets = new SortedDictionary<long, StatsTally>();
            var total = new StatsTally();
            await using var reader = await session.Command("tasks_stats")
                .With("from", p.From)
                .With("to", p.To)
                .With("bucket_ms", bucketMs)
                .With("visible_to", p.VisibleTo)
                .WithList("direct_hours", direct)
                .ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = StatsTally.Read(reader, 2, reader.IsDBNull(9) ? null : Rows.Time(reader, 9));
                foreach (var (state, ordinal) in StatusColumns) counts[state] += reader.GetInt64(ordinal + 2);
                total.Add(row);
                Tally(workers, reader.GetString(0)).Add(row);
                Tally(buckets, reader.GetInt64(1)).Add(row);
            }
            await reader.DisposeAsync();
            var subtasks = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
            var subtaskRows = await session.Command("tasks_stats_subtasks")
                .With("from", p.From)
                .With("to", p.To)
                .With("visible_to", p.VisibleTo)
                .ReadAllAsync(r => (State: StoreText.State(r.GetString(0)), Count: r.GetInt64(1)), cancellationToken);
            foreach (var (state, count) in subtaskRows) subtasks[state] += count;
            return new TaskStats(
                counts,
                total.AverageMs,
                [.. workers.Select(w => new WorkerStats(w.Key, w.Value.Created, w.Value.Completed, w.Value.Failed, w.Value.AverageMs, w.Value.LastStart))],
                [.. buckets.Select(b => new StatsBucket(p.From.AddMilliseconds(b.Key * (double)bucketMs), b.Value.Created, b.Value.Completed, b.Value.Failed))])
            {
                SubtaskCounts = subtasks,
            };
        }, cancellationToken);
    }

    private static List<long> AllHours(long fromMs, long toMs)
    {
        var hours = new List<long>();
        for (var h = fromMs - (((fromMs % 3_600_000) + 3_600_000) % 3_600_000); h <= toMs; h += 3_600_000) hours.Add(h);
        return hours;
    }

    private static StatsTally Tally<TKey>(SortedDictionary<TKey, StatsTally> tallies, TKey key) where TKey : notnull
    {
        if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new StatsTally();
        return tally;
    }
}
