using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tasklane.Bench;

/// <summary>
/// The store's own limit, measured in the same run as Tasklane: on SQLite, single-row commits per second (WAL, synchronous=FULL)
/// and rows per second in commits of 100, on the same disk as the bench's databases; on PostgreSQL, <c>pgbench -N</c> TPS against
/// the same cluster (10 clients, Tasklane's default concurrency).
/// </summary>
internal static partial class RawLimits
{
    public const string PgbenchDatabase = "bench_pgbench";
    private const int PgbenchClients = 10;

    public static async Task<IReadOnlyList<Figure>> RunAsync(ChildArgs child, CancellationToken cancellationToken) =>
        BenchSystems.OnPostgres(child.System)
            ? [await PgbenchAsync(child, cancellationToken)]
            : await SqliteAsync(child, cancellationToken);

    private static async Task<IReadOnlyList<Figure>> SqliteAsync(ChildArgs child, CancellationToken cancellationToken)
    {
        var path = Path.Combine(child.Dir, $"raw-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var setup = connection.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);";
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ($v)";
            insert.Parameters.AddWithValue("$v", "{\"n\":1}");
            await insert.PrepareAsync(cancellationToken);

            var single = await TimedAsync(child.Sizes.RawDuration, async () => { await insert.ExecuteNonQueryAsync(cancellationToken); return 1; });
            var batched = await TimedAsync(child.Sizes.RawDuration, async () =>
            {
                await using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < 100; i++) await insert.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                insert.Transaction = null;
                return 100;
            });
            return [Figure.Rate(child.System, "raw", single.Count, single.Elapsed), Figure.Rate(child.System, "raw-batch100", batched.Count, batched.Elapsed)];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }

    private static async Task<(long Count, TimeSpan Elapsed)> TimedAsync(TimeSpan duration, Func<Task<int>> step)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration) count += await step();
        return (count, clock.Elapsed);
    }

    /// <summary>Creates the pgbench database and its tables (scale 1) once per run, before the repetitions.</summary>
    public static async Task InitPgbenchAsync(string postgres, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{PgbenchDatabase}'", connection);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {PgbenchDatabase}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await ProcessRunner.RunCheckedAsync(Pgbench(), ["-i", "-s", "1", "-q", .. ConnectionArgs(postgres)], TimeSpan.FromMinutes(2), Environment(postgres));
    }

    private static async Task<Figure> PgbenchAsync(ChildArgs child, CancellationToken cancellationToken)
    {
        var postgres = child.RequirePostgres();
        var seconds = ((int)child.Sizes.RawDuration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var output = await ProcessRunner.RunCheckedAsync(Pgbench(),
            ["-N", "-c", PgbenchClients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds, .. ConnectionArgs(postgres)],
            child.Sizes.RawDuration + TimeSpan.FromSeconds(60), Environment(postgres));
        var match = TpsLine().Match(output);
        if (!match.Success) throw new InvalidOperationException("no tps in the pgbench output: " + output);
        var transactions = TransactionsLine().Match(output);
        var tps = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return new Figure(child.System, "raw", transactions.Success ? long.Parse(transactions.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            Math.Round(tps, 1), null, null, null);
    }

    private static string Pgbench() =>
        Path.Combine(PostgresCluster.FindBin() ?? throw new InvalidOperationException("pgbench is missing (PostgreSQL binaries not found)"), "pgbench");

    private static List<string> ConnectionArgs(string postgres)
    {
        var cs = new NpgsqlConnectionStringBuilder(postgres);
        return ["-h", cs.Host ?? "127.0.0.1", "-p", cs.Port.ToString(CultureInfo.InvariantCulture), "-U", cs.Username ?? "postgres", PgbenchDatabase];
    }

    private static Dictionary<string, string> Environment(string postgres) =>
        new NpgsqlConnectionStringBuilder(postgres).Password is { } password ? new() { ["PGPASSWORD"] = password } : [];

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex TransactionsLine();
}
