using System.Globalization;

namespace Tasklane.Bench;

/// <summary>
/// The command line of a child process: <c>--child SYSTEM SCENARIO [--quick] [--postgres CONNSTR] [--dir FOLDER] [--schema NAME] [--list-size N] [--keep-store]</c>.
/// The child measures one scenario of one system and writes one JSON line (an array of figures) to standard output.
/// </summary>
internal sealed record ChildArgs(string System, string Scenario, bool Quick, string? Postgres, string Dir, string? Schema, int? ListSize = null, bool KeepStore = false)
{
    public BenchSizes Sizes => (Quick ? BenchSizes.QuickRun : BenchSizes.Full) is var sizes && ListSize is { } n
        ? sizes with { ListSqlite = n, ListPostgres = n }
        : sizes;

    /// <summary>The PostgreSQL connection string; throws when the system needs one and none was given.</summary>
    public string RequirePostgres() => Postgres ?? throw new InvalidOperationException($"{System} needs --postgres");

    public static ChildArgs Parse(string[] args)
    {
        if (args.Length < 3) throw new ArgumentException("usage: --child SYSTEM SCENARIO [--quick] [--postgres CONNSTR] [--dir FOLDER] [--schema NAME]");
        string? postgres = null, dir = null, schema = null;
        int? listSize = null;
        var quick = false;
        var keep = false;
        for (var i = 3; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--postgres": postgres = args[++i]; break;
                case "--dir": dir = args[++i]; break;
                case "--schema": schema = args[++i]; break;
                case "--keep-store": keep = true; break;
                case "--list-size": listSize = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown child argument {args[i]}");
            }
        }
        return new ChildArgs(args[1], args[2], quick, postgres, dir ?? Path.GetTempPath(), schema, listSize, keep);
    }

    /// <summary>The arguments that start a child with these settings.</summary>
    public IReadOnlyList<string> ToArgs()
    {
        var list = new List<string> { "--child", System, Scenario };
        if (Quick) list.Add("--quick");
        if (Postgres is not null) list.AddRange(["--postgres", Postgres]);
        list.AddRange(["--dir", Dir]);
        if (Schema is not null) list.AddRange(["--schema", Schema]);
        if (ListSize is { } n) list.AddRange(["--list-size", n.ToString(CultureInfo.InvariantCulture)]);
        if (KeepStore) list.Add("--keep-store");
        return list;
    }
}
