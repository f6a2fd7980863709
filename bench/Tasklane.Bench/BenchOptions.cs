using System.Globalization;

namespace Tasklane.Bench;

/// <summary>
/// The command line of the harness: <c>[--quick] [--postgres CONNSTR] [--out FILE] [--reps N] [--systems a,b] [--scenarios a,b] [--list-size N] [--keep-store] [--serve-minutes N]</c>.
/// <c>--systems</c> and <c>--scenarios</c> narrow a run (for trying one figure); the full run takes all.
/// </summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }
    public string? Postgres { get; init; }
    public string Out { get; init; } = "bench-results.jsonl";
    public int Repetitions { get; init; } = 3;
    public IReadOnlyList<string> Systems { get; init; } = BenchSystems.All;
    public IReadOnlyList<string>? Scenarios { get; init; }
    /// <summary>Tasks seeded for the list figures on both stores, instead of the run's default (1M/10M, quick 1M/1M).</summary>
    public int? ListSize { get; init; }
    /// <summary>Leave the serve scenario's seeded PostgreSQL schema in place (for EXPLAIN) and print its name; drop it yourself.</summary>
    public bool KeepStore { get; init; }
    /// <summary>The most minutes a serve child may take (seeding included); the run's default is 6 in --quick and 60 otherwise.</summary>
    public int? ServeMinutes { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--postgres" => options with { Postgres = Next() },
                "--out" => options with { Out = Next() },
                "--reps" => options with { Repetitions = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--systems" => options with { Systems = Next().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--list-size" => options with { ListSize = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--keep-store" => options with { KeepStore = true },
                "--serve-minutes" => options with { ServeMinutes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--scenarios" => options with { Scenarios = Next().Split(',', StringSplitOptions.RemoveEmptyEntries) },
                _ => throw new ArgumentException($"unknown argument {args[i]}; usage: [--quick] [--postgres CONNSTR] [--out FILE] [--reps N] [--systems a,b] [--scenarios a,b] [--list-size N] [--keep-store] [--serve-minutes N]"),
            };
        }
        var unknown = options.Systems.Except(BenchSystems.All).ToArray();
        if (unknown.Length > 0) throw new ArgumentException("unknown system: " + string.Join(", ", unknown));
        return options;
    }
}
