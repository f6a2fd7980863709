namespace Tasklane.Bench;

/// <summary>
/// The command line of a child process: <c>--child SYSTEM SCENARIO [--quick] [--postgres CONNSTR] [--dir FOLDER] [--schema NAME]</c>.
/// The child measures one scenario of one system and writes one JSON line (an array of figures) to standard output.
/// </summary>
internal sealed record ChildArgs(string System, string Scenario, bool Quick, string? Postgres, string Dir, string? Schema)
{
    public BenchSizes Sizes => Quick ? BenchSizes.QuickRun : BenchSizes.Full;

    /// <summary>The PostgreSQL connection string; throws when the system needs one and none was given.</summary>
    public string RequirePostgres() => Postgres ?? throw new InvalidOperationException($"{System} needs --postgres");

    public static ChildArgs Parse(string[] args)
    {
        if (args.Length < 3) throw new ArgumentException("usage: --child SYSTEM SCENARIO [--quick] [--postgres CONNSTR] [--dir FOLDER] [--schema NAME]");
        string? postgres = null, dir = null, schema = null;
        var quick = false;
        for (var i = 3; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--postgres": postgres = args[++i]; break;
                case "--dir": dir = args[++i]; break;
                case "--schema": schema = args[++i]; break;
                default: throw new ArgumentException($"unknown child argument {args[i]}");
            }
        }
        return new ChildArgs(args[1], args[2], quick, postgres, dir ?? Path.GetTempPath(), schema);
    }

    /// <summary>The arguments that start a child with these settings.</summary>
    public IReadOnlyList<string> ToArgs()
    {
        var list = new List<string> { "--child", System, Scenario };
        if (Quick) list.Add("--quick");
        if (Postgres is not null) list.AddRange(["--postgres", Postgres]);
        list.AddRange(["--dir", Dir]);
        if (Schema is not null) list.AddRange(["--schema", Schema]);
        return list;
    }
}
