using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Tasklane.Bench;

/// <summary>
/// The parent process: starts a throwaway PostgreSQL cluster unless one is given, runs every (scenario, system) in its own child
/// process, round-robin over the systems in each repetition (the start rotates), takes the median of the repetitions, and writes
/// the figures to the results file and as a table.
/// </summary>
internal static class Harness
{
    /// <summary>The repeated scenarios, in run order; each child runs one of them for one system.</summary>
    private static readonly string[] Repeated = ["raw", "enqueue", "drain-c10", "drain-c50", "pickup", "pickup-cross"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("tasklane-bench.").FullName;
        PostgresCluster? cluster = null;
        PosixSignalRegistration[] stopCluster = [];
        try
        {
            var postgres = options.Postgres;
            if (postgres is null && options.Systems.Any(BenchSystems.OnPostgres))
            {
                cluster = await PostgresCluster.StartAsync();
                // Ctrl+C or kill: stop the cluster before the process ends (the finally below does not run then).
                var started = cluster;
                stopCluster = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal =>
                    PosixSignalRegistration.Create(signal, _ => started.DisposeAsync().AsTask().GetAwaiter().GetResult()))];
                postgres = cluster.ConnectionString;
                Console.WriteLine($"[bench] throwaway PostgreSQL cluster on 127.0.0.1:{cluster.Port} (fsync on)");
            }
            if (postgres is not null && Wanted(options, "raw")) await RawLimits.InitPgbenchAsync(postgres, CancellationToken.None);
            var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
            Console.WriteLine($"[bench] {(options.Quick ? "quick" : "full")} run, {options.Repetitions} repetitions, {Environment.ProcessorCount} cores, load average {load}");

            var runs = new List<Figure>();
            for (var rep = 0; rep < options.Repetitions; rep++)
            {
                var systems = options.Systems.Skip(rep % options.Systems.Count).Concat(options.Systems.Take(rep % options.Systems.Count)).ToArray();
                foreach (var scenario in Repeated.Where(s => Wanted(options, s)))
                {
                    foreach (var system in systems.Where(s => Applies(s, scenario)))
                    {
                        var figures = await RunChildAsync(options, dir, postgres, system, scenario, options.Quick ? TimeSpan.FromSeconds(120) : TimeSpan.FromMinutes(10));
                        runs.AddRange(figures);
                    }
                }
                Console.WriteLine($"[bench] repetition {rep + 1} done at {clock.Elapsed.TotalSeconds:0} s");
            }
            var results = Medians(runs);
            // Seeding a million tasks is the slow part: the HTTP figures are taken once per store (each is the p50 of many requests).
            if (Wanted(options, "serve"))
            {
                foreach (var system in options.Systems.Where(BenchSystems.IsTasklane))
                {
                    results.AddRange(await RunChildAsync(options, dir, postgres, system, "serve", TimeSpan.FromMinutes(options.ServeMinutes ?? (options.Quick ? 6 : 60))));
                }
            }
            // Bulk actions at 100,000 tasks: one retry-by-filter and one delete-by-filter call per store, once.
            if (Wanted(options, "bulk"))
            {
                foreach (var system in options.Systems.Where(BenchSystems.IsTasklane))
                {
                    results.AddRange(await RunChildAsync(options, dir, postgres, system, "bulk", options.Quick ? TimeSpan.FromMinutes(6) : TimeSpan.FromMinutes(20)));
                }
            }

            await File.WriteAllLinesAsync(options.Out, results.Select(f => JsonSerializer.Serialize(f, BenchJson.Options)));
            ResultTable.Print(results, options.Systems);
            Console.WriteLine($"[bench] {results.Count} figures in {options.Out}; wall time {clock.Elapsed.TotalSeconds:0} s");
            return results.Any(f => f.Error is not null) ? 1 : 0;
        }
        finally
        {
            foreach (var registration in stopCluster) registration.Dispose();
            if (cluster is not null) await cluster.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
    }

    private static bool Wanted(BenchOptions options, string scenario) => options.Scenarios is null || options.Scenarios.Contains(scenario);

    /// <summary>Cross-process pickup needs a shared store: PostgreSQL only.</summary>
    private static bool Applies(string system, string scenario) => scenario switch
    {
        "pickup-cross" => BenchSystems.OnPostgres(system),
        "raw" => BenchSystems.IsTasklane(system),
        _ => true,
    };

    private static async Task<IReadOnlyList<Figure>> RunChildAsync(BenchOptions options, string dir, string? postgres, string system, string scenario, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var figures = await ChildLauncher.RunAsync(new ChildArgs(system, scenario, options.Quick, BenchSystems.OnPostgres(system) ? postgres : null, dir, null, options.ListSize, options.KeepStore), timeout);
        var failed = figures.Where(f => f.Error is not null).Select(f => $"{f.Scenario} FAILED: {f.Error}");
        Console.WriteLine($"[bench] {system,-18} {scenario,-13} {clock.Elapsed.TotalSeconds,5:0.0} s  {string.Join("; ", failed)}");
        return figures;
    }

    /// <summary>Per (system, scenario), each figure's median over the repetitions; failed repetitions are left out (all failed: one failure line).</summary>
    private static List<Figure> Medians(IEnumerable<Figure> runs) => runs
        .GroupBy(f => (f.System, f.Scenario))
        .Select(g =>
        {
            var ok = g.Where(f => f.Error is null).ToList();
            if (ok.Count == 0) return g.First();
            return new Figure(g.Key.System, g.Key.Scenario, (long?)Percentiles.Median(ok.Select(f => (double?)f.Tasks)),
                Percentiles.Median(ok.Select(f => f.PerSec)), Percentiles.Median(ok.Select(f => f.P50Ms)),
                Percentiles.Median(ok.Select(f => f.P99Ms)), Percentiles.Median(ok.Select(f => f.PeakRssMb)))
            {
                CpuPercent = Percentiles.Median(ok.Select(f => f.CpuPercent)),
            };
        })
        .ToList();
}
