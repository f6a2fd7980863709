using System.Globalization;
using Npgsql;

namespace Tasklane.Bench;

/// <summary>
/// The list, stats and memory figures of a Tasklane store, measured through HTTP against a <c>tasklane serve</c> child:
/// serve starts on an empty store (idle memory), an operator user is made, serve stops, the store is seeded by SQL, serve starts
/// again and every list filter and the stats are timed for the admin and for the operator (who owns 1 % of the tasks).
/// </summary>
internal static class ServeScenarios
{
    private const string OperatorPassword = "bench-operator-password";

    public static async Task<IReadOnlyList<Figure>> RunAsync(ChildArgs child, CancellationToken cancellationToken)
    {
        var system = child.System;
        var onPostgres = BenchSystems.OnPostgres(system);
        var count = onPostgres ? child.Sizes.ListPostgres : child.Sizes.ListSqlite;
        var folder = Directory.CreateDirectory(Path.Combine(child.Dir, "serve-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var sqlite = onPostgres ? null : Path.Combine(folder, "tasklane.db");
        var postgres = onPostgres ? child.RequirePostgres() : null;
        var schema = onPostgres ? "bench_serve_" + Guid.NewGuid().ToString("N")[..8] : null;
        var figures = new List<Figure>();
        try
        {
            long adminId, operatorId;
            await using (var serve = await ServeProcess.StartAsync(folder, sqlite, postgres, schema, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                figures.Add(new Figure(system, "memory-idle", 0, null, null, null, serve.Memory().Rss));
                using var admin = await ApiSession.SignInAsync(serve.Address, "admin", ServeProcess.AdminPassword, cancellationToken);
                adminId = admin.UserId;
                var user = await admin.SendAsync(HttpMethod.Post, "/api/users", new { username = "operator", password = OperatorPassword, role = "operator" }, cancellationToken);
                operatorId = user.GetProperty("id").GetInt64();
                // Seeded tasks span 60 days: keep retention from removing half of them while the figures are taken.
                var settings = await admin.SendAsync(HttpMethod.Get, "/api/system/task-settings", null, cancellationToken);
                var changed = settings.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
                changed["retention_days"] = 3650;
                await admin.SendAsync(HttpMethod.Put, "/api/system/task-settings", changed, cancellationToken);
            }

            var seeding = onPostgres
                ? await TaskSeeder.SeedPostgresAsync(postgres!, schema!, count, adminId, operatorId, cancellationToken)
                : await TaskSeeder.SeedSqliteAsync(sqlite!, count, adminId, operatorId, cancellationToken);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{system}] seeded {count:N0} tasks in {seeding.TotalSeconds:0.0} s"));

            await using (var serve = await ServeProcess.StartAsync(folder, sqlite, postgres, schema, cancellationToken))
            {
                using var admin = await ApiSession.SignInAsync(serve.Address, "admin", ServeProcess.AdminPassword, cancellationToken);
                using var user = await ApiSession.SignInAsync(serve.Address, "operator", OperatorPassword, cancellationToken);
                var sessions = new[] { ("admin", admin), ("user", user) };
                foreach (var (name, query) in ListFilters.For(count))
                {
                    foreach (var (who, session) in sessions)
                    {
                        figures.Add(await TimeAsync(system, $"list:{name}:{who}", count, session, "/api/tasks?" + query, child.Sizes.ListSamples, cancellationToken));
                    }
                }
                var to = DateTimeOffset.UtcNow;
                string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                var stats = $"/api/stats?from={Iso(to.AddDays(-30))}&to={Iso(to)}";
                figures.Add(await TimeAsync(system, "stats", count, admin, stats, child.Sizes.ListSamples, cancellationToken));
                figures.Add(await TimeAsync(system, "stats:user", count, user, stats, child.Sizes.ListSamples, cancellationToken));
                figures.Add(await IdleCpuAsync(system, serve, count, child.Sizes, cancellationToken));
                var memory = serve.Memory();
                figures.Add(new Figure(system, "memory-after", count, null, null, null, memory.Peak));
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{system}] serve after {count:N0} tasks: RSS {memory.Rss} MB, peak {memory.Peak} MB"));
            }
            return figures;
        }
        finally
        {
            if (child.KeepStore)
            {
                await Console.Error.WriteLineAsync($"[{system}] store kept: {(onPostgres ? "schema " + schema : sqlite)}");
            }
            else if (onPostgres)
            {
                await using var connection = new NpgsqlConnection(postgres);
                await connection.OpenAsync(CancellationToken.None);
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }
            if (!child.KeepStore) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One warm-up request, then <paramref name="samples"/> timed ones; an HTTP error is a failure figure.</summary>
    private static async Task<Figure> TimeAsync(string system, string scenario, int count, ApiSession session, string path, int samples, CancellationToken cancellationToken)
    {
        try
        {
            await session.TimeGetAsync(path, cancellationToken);
            var times = new List<double>(samples);
            for (var i = 0; i < samples; i++) times.Add(await session.TimeGetAsync(path, cancellationToken));
            return Figure.Latency(system, scenario, times) with { Tasks = count };
        }
        catch (HttpRequestException ex)
        {
            return Figure.Failed(system, scenario, ex.Message);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Figure.Failed(system, scenario, "timed out: " + ex.Message);
        }
    }

    /// <summary>
    /// The CPU serve uses on the seeded store with nobody calling it, in % of one core: once serve has run
    /// <see cref="BenchSizes.IdleUptime"/> (start-up work such as JIT tiering of the once-a-second loops is over by then),
    /// over <see cref="BenchSizes.IdleWindow"/>.
    /// </summary>
    private static async Task<Figure> IdleCpuAsync(string system, ServeProcess serve, int count, BenchSizes sizes, CancellationToken cancellationToken)
    {
        var settle = sizes.IdleUptime - serve.Uptime;
        if (settle > TimeSpan.Zero) await Task.Delay(settle, cancellationToken);
        var before = serve.CpuTime();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(sizes.IdleWindow, cancellationToken);
        var used = serve.CpuTime() - before;
        var percent = Math.Round(100 * used.TotalSeconds / clock.Elapsed.TotalSeconds, 2);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{system}] idle: {used.TotalSeconds:0.00} s CPU in {clock.Elapsed.TotalSeconds:0} s = {percent} % of a core"));
        return new Figure(system, "idle-cpu", count, null, null, null, null) { CpuPercent = percent };
    }
}
