using System.Globalization;
using System.Text;

namespace Tasklane.Bench;

/// <summary>Prints the figures as a table (systems as columns) and the ratios the targets of issue 9 are stated in.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<Figure> figures, IReadOnlyList<string> systems)
    {
        var scenarios = figures.Select(f => f.Scenario).Distinct().ToList();
        var byKey = figures.GroupBy(f => (f.System, f.Scenario)).ToDictionary(g => g.Key, g => g.First());
        var width = Math.Max(20, scenarios.Max(s => s.Length) + 1);
        var text = new StringBuilder();
        text.AppendLine().Append("scenario".PadRight(width));
        foreach (var system in systems) text.Append(" | ").Append(system.PadLeft(22));
        text.AppendLine().Append(new string('-', width + systems.Count * 25)).AppendLine();
        foreach (var scenario in scenarios)
        {
            text.Append(scenario.PadRight(width));
            foreach (var system in systems) text.Append(" | ").Append(Cell(byKey.GetValueOrDefault((system, scenario))).PadLeft(22));
            text.AppendLine();
        }
        text.AppendLine().AppendLine("ratios (same run):");
        foreach (var line in Ratios(byKey).Where(l => !l.Contains(": n/a", StringComparison.Ordinal))) text.Append("  ").AppendLine(line);
        Console.Write(text.ToString());
    }

    private static string Cell(Figure? f) => f switch
    {
        null => "",
        { Error: not null } => "FAIL",
        { PerSec: { } rate } => string.Create(CultureInfo.InvariantCulture, $"{rate:N0}/s"),
        { P50Ms: { } p50 } => string.Create(CultureInfo.InvariantCulture, $"{p50:0.0} / {f.P99Ms:0.0} ms"),
        { CpuPercent: { } cpu } => string.Create(CultureInfo.InvariantCulture, $"{cpu:0.00} % CPU"),
        { PeakRssMb: { } mb } => string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB"),
        _ => "-",
    };

    private static IEnumerable<string> Ratios(Dictionary<(string, string), Figure> byKey)
    {
        double? Rate(string system, string scenario) => byKey.GetValueOrDefault((system, scenario))?.PerSec;
        string Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? string.Create(CultureInfo.InvariantCulture, $"{x / y:0.00}×") : "n/a";

        foreach (var (system, limit) in new[] { (BenchSystems.TasklaneSqlite, "SQLite single-row commits/s"), (BenchSystems.TasklanePostgres, "pgbench -N TPS") })
        {
            foreach (var drain in new[] { "drain-c10", "drain-c50" })
            {
                yield return $"{system} {drain} / raw ({limit}): {Ratio(Rate(system, drain), Rate(system, "raw"))}";
            }
        }
        foreach (var system in BenchSystems.All)
        {
            yield return $"{system} enqueue-8 / enqueue-1: {Ratio(Rate(system, "enqueue-8"), Rate(system, "enqueue-1"))}";
        }
        foreach (var (tasklane, hangfire) in new[] { (BenchSystems.TasklaneSqlite, BenchSystems.HangfireInMemory), (BenchSystems.TasklanePostgres, BenchSystems.HangfirePostgres) })
        {
            foreach (var scenario in new[] { "enqueue-1", "enqueue-8", "enqueue-bulk", "drain-c10", "drain-c50" })
            {
                yield return $"{tasklane} / {hangfire} {scenario}: {Ratio(Rate(tasklane, scenario), Rate(hangfire, scenario))}";
            }
            var pickup = byKey.GetValueOrDefault((tasklane, "pickup"))?.P50Ms;
            var peer = byKey.GetValueOrDefault((hangfire, "pickup"))?.P50Ms;
            yield return $"{tasklane} / {hangfire} pickup p50 latency: {Ratio(pickup, peer)} (lower is better)";
        }
    }
}
