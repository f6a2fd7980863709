using Npgsql;
using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.PostgreSql;

/// <summary>
/// The counters that statement triggers keep (task_counts, task_stats_hourly and their unfolded changes), against a
/// count of the tasks table, after statements that change many rows at once (migration 0012 pairs old and new rows).
/// </summary>
public sealed class PostgreSqlTaskCountersTests : TaskStoreConformanceBase, IAsyncLifetime
{
    private const int Tasks = 3_000;

    private readonly PostgreSqlTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    [Fact]
    public async Task Counters_BulkRetryAndDeleteOfManyTasks_EqualCountsOfTheTable()
    {
        var store = await _databases.CreateAsync();
        await SeedAsync(store.Schema);
        await AssertCountersMatchTableAsync(store.Schema);

        var retried = await store.BulkAsync(new TaskBulkParams { Action = TaskBulkAction.Retry, Filter = new TaskQuery { Status = TaskState.Failed }, Now = T0.AddDays(1), ChunkSize = 700 }, Ct);
        Assert.True(retried.Changed > 300, $"retried {retried.Changed}");
        await AssertCountersMatchTableAsync(store.Schema);

        var deleted = await store.BulkAsync(new TaskBulkParams { Action = TaskBulkAction.Delete, Filter = new TaskQuery { Worker = "mail" }, Now = T0.AddDays(1), ChunkSize = 700 }, Ct);
        Assert.Equal(500L, deleted.Changed); // mail's top-level tasks but its running ones
        await AssertCountersMatchTableAsync(store.Schema);
    }

    [Fact]
    public async Task Counters_OneUpdateMovingRowsBetweenKeys_EqualCountsOfTheTable()
    {
        var store = await _databases.CreateAsync();
        await SeedAsync(store.Schema);

        // One statement in which rows swap queues and statuses with each other (the sums of a key may not change
        // while its rows do), move hours, workers, creators and level, lose or gain their start, or are deleted;
        // the other rows change no counted column.
        await ExecuteAsync(store.Schema, """
            UPDATE tasks SET
              queue = CASE WHEN id % 3 = 0 THEN (CASE queue WHEN 'high' THEN 'default' ELSE 'high' END) ELSE queue END,
              status = CASE WHEN id % 4 = 0 THEN (CASE status WHEN 'failed' THEN 'pending' WHEN 'pending' THEN 'failed'
                                                               WHEN 'running' THEN 'completed' ELSE status END) ELSE status END,
              created_at = CASE WHEN id % 5 = 0 THEN created_at + interval '1 hour' ELSE created_at END,
              worker = CASE WHEN id % 7 = 0 THEN 'report' ELSE worker END,
              created_by_id = CASE WHEN id % 11 = 0 THEN NULL WHEN id % 11 = 1 THEN 2 ELSE created_by_id END,
              created_by_name = CASE WHEN id % 11 = 0 THEN NULL WHEN id % 11 = 1 THEN 'user2' ELSE created_by_name END,
              parent_id = CASE WHEN id % 13 = 0 THEN NULL ELSE parent_id END,
              started_at = CASE WHEN id % 17 = 0 THEN NULL WHEN id % 17 = 1 THEN started_at - interval '1 minute' ELSE started_at END,
              deleted_at = CASE WHEN id % 19 = 0 THEN created_at END,
              progress = 0.5
            """);

        await AssertCountersMatchTableAsync(store.Schema);
    }

    [Fact]
    public async Task Counters_UpdateOfUncountedColumnsOnly_AppendsNoChange()
    {
        var store = await _databases.CreateAsync();
        await SeedAsync(store.Schema);

        // A connection of its own: a backend reports in pg_stat_xact_* what it has not flushed yet, of earlier
        // transactions too.
        await using var connection = await OpenAsync(store.Schema, pooling: false);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE tasks SET progress = 0.25, message = 'half', lease_expires_at = run_at, updated_at = run_at", connection, transaction))
        {
            Assert.Equal(Tasks + Tasks / 10, await update.ExecuteNonQueryAsync());
        }
        await using var appended = new NpgsqlCommand(
            "SELECT n_tup_ins FROM pg_stat_xact_user_tables WHERE relid = 'task_counter_deltas'::regclass", connection, transaction);

        Assert.Equal(0L, await appended.ExecuteScalarAsync());
    }

    /// <summary>
    /// Tasks spread over workers, queues, creators (and system tasks), hours, statuses with and without start and end;
    /// one in ten with a subtask. Inserted by SQL in two statements, counted by the insert trigger.
    /// </summary>
    private static async Task SeedAsync(string schema)
    {
        await ExecuteAsync(schema, $"""
            INSERT INTO tasks (worker, action, queue, status, error, run_at, created_by_id, created_by_name, created_at, started_at, updated_at, ended_at)
            SELECT CASE i % 3 WHEN 0 THEN 'mail' WHEN 1 THEN 'report' ELSE 'product' END, 'act',
                   CASE WHEN i % 4 = 0 THEN 'high' ELSE 'default' END, s, CASE WHEN s = 'failed' THEN 'boom' END, c,
                   CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 END, CASE WHEN i % 6 = 0 THEN NULL ELSE 'user' || (i % 2) END,
                   c, CASE WHEN s <> 'pending' THEN c + (i % 11) * interval '1 second' END, c,
                   CASE WHEN s IN ('completed', 'failed', 'cancelled') THEN c + (i % 11 + i % 13) * interval '1 second' END
            FROM generate_series(1, {Tasks}) AS g(i),
                 LATERAL (SELECT (ARRAY['failed', 'cancelled', 'completed', 'running', 'pending', 'failed'])[i % 6 + 1] AS s,
                                 timestamptz '{T0:O}' + (i % 5) * interval '47 minutes' AS c) x
            """);
        await ExecuteAsync(schema, """
            INSERT INTO tasks (worker, action, queue, status, run_at, parent_id, created_by_id, created_by_name, created_at, started_at, updated_at, ended_at)
            SELECT worker, 'step', queue, CASE WHEN id % 20 = 0 THEN 'failed' ELSE 'completed' END, run_at, id, created_by_id, created_by_name,
                   created_at, created_at, created_at, created_at + interval '3 seconds'
            FROM tasks WHERE id % 10 = 0
            """);
    }

    /// <summary>Every key's counts, and the hourly statistics, as the tasks table gives them.</summary>
    private static async Task AssertCountersMatchTableAsync(string schema)
    {
        const string Counts = "sum(pending), sum(running), sum(completed), sum(failed), sum(cancelled)";
        const string Direct = """
            count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'running'),
            count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
            count(*) FILTER (WHERE status = 'cancelled')
            """;
        const string Creator = "coalesce(created_by_id, -9223372036854775807)";
        const string Hour = "date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";
        const string Runs = "status = 'completed' AND started_at IS NOT NULL AND ended_at IS NOT NULL";

        Assert.Equal(
            await RowsAsync(schema, $"""
                SELECT worker, queue, {Creator}, coalesce(created_by_name, ''), parent_id IS NULL, {Direct}
                FROM tasks WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5
                """),
            await RowsAsync(schema, $"""
                SELECT worker, queue, creator, creator_name, top_level, {Counts}
                FROM (SELECT worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled FROM task_counts
                      UNION ALL
                      SELECT worker, queue, creator, creator_name, top_level, pending, running, completed, failed, cancelled FROM task_counter_deltas) u
                GROUP BY 1, 2, 3, 4, 5
                HAVING sum(pending) <> 0 OR sum(running) <> 0 OR sum(completed) <> 0 OR sum(failed) <> 0 OR sum(cancelled) <> 0
                """));

        const string Hourly = """
            WITH h AS (
              SELECT hour, worker, creator, sum(pending) AS pending, sum(running) AS running, sum(completed) AS completed,
                     sum(failed) AS failed, sum(cancelled) AS cancelled, sum(duration_count) AS duration_count,
                     round(sum(duration_sum), 3) AS duration_sum, max(max_started_at) AS max_started_at, bool_or(stale_max) AS stale_max
              FROM (SELECT hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at, stale_max
                    FROM task_stats_hourly
                    UNION ALL
                    SELECT hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum, max_started_at, stale_max
                    FROM task_counter_deltas) u
              GROUP BY 1, 2, 3)
            """;
        Assert.Equal(
            await RowsAsync(schema, $"""
                SELECT {Hour}, worker, {Creator}, {Direct}, count(*) FILTER (WHERE {Runs}),
                       round(coalesce(sum(EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000) FILTER (WHERE {Runs}), 0), 3)
                FROM tasks WHERE deleted_at IS NULL GROUP BY 1, 2, 3
                """),
            await RowsAsync(schema, $"""
                {Hourly}
                SELECT hour, worker, creator, pending, running, completed, failed, cancelled, duration_count, duration_sum FROM h
                WHERE pending <> 0 OR running <> 0 OR completed <> 0 OR failed <> 0 OR cancelled <> 0 OR duration_count <> 0 OR duration_sum <> 0
                """));
        // The latest start of an hour is exact unless the hour says it may be stale (the reader then recomputes it).
        Assert.Empty(await RowsAsync(schema, $"""
            {Hourly}
            SELECT h.hour, h.worker, h.creator, h.max_started_at, d.max_started_at
            FROM h
            LEFT JOIN (SELECT {Hour} AS hour, worker, {Creator} AS creator, max(started_at) AS max_started_at
                       FROM tasks WHERE deleted_at IS NULL GROUP BY 1, 2, 3) d USING (hour, worker, creator)
            WHERE NOT h.stale_max AND h.max_started_at IS DISTINCT FROM d.max_started_at
            """));
    }

    /// <summary>The rows of <paramref name="sql"/>, each as its columns joined by '|', sorted.</summary>
    private static async Task<List<string>> RowsAsync(string schema, string sql)
    {
        await using var connection = await OpenAsync(schema);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task ExecuteAsync(string schema, string sql)
    {
        await using var connection = await OpenAsync(schema);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string schema, bool pooling = true)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgreSqlTestDatabases.ConnectionString) { SearchPath = schema, Pooling = pooling }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();
}
