using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Tasklane.Bench;

/// <summary>
/// Bulk actions through HTTP against a <c>tasklane serve</c> child: 100,000 failed tasks seeded by SQL, then
/// <c>POST /api/tasks/bulk</c> retry by filter (failed → pending) and delete by filter, each timed as one call →
/// <c>bulk-retry</c> and <c>bulk-delete</c> in tasks per second.
/// </summary>
internal static class BulkScenarios
{
    public const int Count = 100_000;

    public static async Task<IReadOnlyList<Figure>> RunAsync(ChildArgs child, CancellationToken cancellationToken)
    {
        var system = child.System;
        var onPostgres = BenchSystems.OnPostgres(system);
        var folder = Directory.CreateDirectory(Path.Combine(child.Dir, "bulk-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var sqlite = onPostgres ? null : Path.Combine(folder, "tasklane.db");
        var postgres = onPostgres ? child.RequirePostgres() : null;
        var schema = onPostgres ? "bench_bulk_" + Guid.NewGuid().ToString("N")[..8] : null;
        try
        {
            // The first start migrates the store; the tasks go in while serve is down.
            await using (await ServeProcess.StartAsync(folder, sqlite, postgres, schema, cancellationToken)) { }
            var seeding = await TaskSeeder.SeedFailedAsync(sqlite, postgres, schema, Count, cancellationToken);
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{system}] seeded {Count:N0} failed tasks in {seeding.TotalSeconds:0.0} s"));

            await using var serve = await ServeProcess.StartAsync(folder, sqlite, postgres, schema, cancellationToken);
            using var admin = await ApiSession.SignInAsync(serve.Address, "admin", ServeProcess.AdminPassword, cancellationToken);
            return
            [
                await TimeAsync(system, "bulk-retry", admin, new { action = "retry", filter = new { worker = "bench-ghost", status = "failed" } }, cancellationToken),
                await TimeAsync(system, "bulk-delete", admin, new { action = "delete", filter = new { worker = "bench-ghost" } }, cancellationToken),
            ];
        }
        finally
        {
            if (onPostgres)
            {
                await using var connection = new NpgsqlConnection(postgres);
                await connection.OpenAsync(CancellationToken.None);
                await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync(CancellationToken.None);
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One bulk call, timed; a call that changed fewer than every seeded task is a failure figure.</summary>
    private static async Task<Figure> TimeAsync(string system, string scenario, ApiSession admin, object body, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var answer = await admin.SendAsync(HttpMethod.Post, "/api/tasks/bulk", body, cancellationToken);
            clock.Stop();
            var changed = answer.GetProperty("changed").GetInt64();
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{system}] {scenario}: {answer} in {clock.Elapsed.TotalSeconds:0.00} s"));
            return changed == Count
                ? Figure.Rate(system, scenario, changed, clock.Elapsed)
                : Figure.Failed(system, scenario, $"changed {changed} of {Count}: {answer}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Figure.Failed(system, scenario, ex.Message);
        }
    }
}
