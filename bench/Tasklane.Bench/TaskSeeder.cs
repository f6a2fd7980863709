using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tasklane.Bench;

/// <summary>
/// Fills a migrated Tasklane store with many tasks by direct SQL (recursive CTE on SQLite, generate_series on PostgreSQL), in
/// the mix of <see cref="SeedMix"/>. The tasks table's secondary indexes (whatever the migrations made) are dropped for the
/// load and created again after it, as a bulk load is done.
/// </summary>
internal static class TaskSeeder
{
    private static readonly TimeSpan Span = TimeSpan.FromDays(60);

    public static async Task<TimeSpan> SeedSqliteAsync(string path, int count, long adminId, long operatorId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 600 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;", cancellationToken);
        var indexes = await ReadPairsAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL", cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (name, _) in indexes) await ExecAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken);
            var sql = $"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count),
                r AS (SELECT i, i % 8 AS k, (i * 7) % 100 AS s, @start + (i - 1) * @step AS created FROM n)
                INSERT INTO tasks ({SeedMix.Columns})
                SELECT {SeedMix.Select(ms => ms, "'{\"n\":' || i || '}'")} FROM r
                """;
            await ExecAsync(connection, sql, cancellationToken, Parameters(count, adminId, operatorId));
            foreach (var (_, create) in indexes) await ExecAsync(connection, create, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ExecAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>
    /// PostgreSQL: the secondary indexes of <c>tasks</c> and of the tables its insert trigger or the links feed
    /// (<c>task_search_data</c>, <c>task_links</c>) are dropped for the load and built again after it; the links (the
    /// object filter reads <c>task_links</c>) are written from the seeded object columns, as a create writes them.
    /// </summary>
    public static async Task<TimeSpan> SeedPostgresAsync(string postgres, string schema, int count, long adminId, long operatorId, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cs = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema, CommandTimeout = 0 }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(cancellationToken);
        await ExecAsync(connection, "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'", cancellationToken);
        var indexes = await ReadPairsAsync(connection, $"""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = '{schema}' AND i.tablename IN ('tasks', 'task_search_data', 'task_links')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                              WHERE n.nspname = i.schemaname AND c.conname = i.indexname)
            """, cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (name, _) in indexes) await ExecAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken);
            var sql = $"""
                INSERT INTO tasks ({SeedMix.Columns})
                SELECT {SeedMix.Select(ms => $"to_timestamp(({ms}) / 1000.0)", "('{\"n\":' || i || '}')::json")}
                FROM (SELECT i, i % 8 AS k, (i * 7) % 100 AS s, @start + (i - 1) * @step AS created FROM generate_series(1::bigint, @count) AS g(i)) r
                """;
            await ExecAsync(connection, sql, cancellationToken, Parameters(count, adminId, operatorId));
            await ExecAsync(connection, """
                INSERT INTO task_links (task_id, position, link_type, link_id)
                SELECT id, 0, object_type, object_id FROM tasks WHERE object_type IS NOT NULL OR object_id IS NOT NULL
                """, cancellationToken);
            foreach (var (_, create) in indexes) await ExecAsync(connection, create, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // What autovacuum would have done by the time a table holds this many rows.
        await ExecAsync(connection, "VACUUM ANALYZE tasks", cancellationToken);
        await ExecAsync(connection, "VACUUM ANALYZE task_search_data", cancellationToken);
        await ExecAsync(connection, "VACUUM ANALYZE task_links", cancellationToken);
        // The counters' changes of the load, folded as the writers' occasional fold would have by then.
        await ExecAsync(connection, "SELECT task_counters_fold()", cancellationToken);
        await ExecAsync(connection, "VACUUM ANALYZE task_counter_deltas", cancellationToken);
        return clock.Elapsed;
    }

    private static Dictionary<string, object> Parameters(int count, long adminId, long operatorId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var start = now - (long)Span.TotalMilliseconds;
        return new()
        {
            ["count"] = (long)count,
            ["start"] = start,
            ["step"] = Math.Max(1, (long)Span.TotalMilliseconds / count),
            ["future"] = now + (long)TimeSpan.FromDays(1).TotalMilliseconds,
            ["admin_id"] = adminId,
            ["operator_id"] = operatorId,
            ["operator_name"] = "operator",
        };
    }

    /// <summary>
    /// <paramref name="count"/> failed tasks of the worker <c>bench-ghost</c> (no node runs it, so nothing claims them once
    /// retried), in one INSERT ... SELECT, indexes kept (the bulk figures include their upkeep).
    /// </summary>
    public static async Task<TimeSpan> SeedFailedAsync(string? sqlite, string? postgres, string? schema, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var parameters = new Dictionary<string, object> { ["count"] = (long)count, ["at"] = at };
        const string Columns = "worker, action, data, queue, status, error, attempt, max_attempts, run_at, category, created_at, started_at, updated_at, ended_at";
        if (sqlite is not null)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlite, Pooling = false, DefaultTimeout = 600 }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecAsync(connection, $$"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
                INSERT INTO tasks ({{Columns}})
                SELECT 'bench-ghost', 'haunt', '{}', 'default', 'failed', 'Simulated failure', 1, 1, @at, 'system', @at, @at, @at, @at FROM n
                """, cancellationToken, parameters);
        }
        else
        {
            var cs = new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema, CommandTimeout = 0 }.ConnectionString;
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync(cancellationToken);
            await ExecAsync(connection, $$"""
                INSERT INTO tasks ({{Columns}})
                SELECT 'bench-ghost', 'haunt', '{}'::json, 'default', 'failed', 'Simulated failure', 1, 1, t, 'system', t, t, t, t
                FROM generate_series(1::bigint, @count) AS g(i), LATERAL (SELECT to_timestamp(@at / 1000.0) AS t) x
                """, cancellationToken, parameters);
            await ExecAsync(connection, "VACUUM ANALYZE tasks", cancellationToken);
        }
        return clock.Elapsed;
    }

    private static async Task ExecAsync(DbConnection connection, string sql, CancellationToken cancellationToken, Dictionary<string, object>? parameters = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters ?? [])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<(string Name, string Sql)>> ReadPairsAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pairs = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken)) pairs.Add((reader.GetString(0), reader.GetString(1)));
        return pairs;
    }
}
