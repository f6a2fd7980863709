namespace Tasklane.Bench;

/// <summary>How many tasks each scenario uses: the full run, or the smaller <c>--quick</c> one (under 5 minutes on 2 cores).</summary>
internal sealed record BenchSizes
{
    /// <summary>Tasks created by one caller, one at a time.</summary>
    public int EnqueueOne { get; init; }
    /// <summary>Tasks created by 8 concurrent callers together.</summary>
    public int EnqueueEight { get; init; }
    /// <summary>Tasks created in bulk (batches of 1,000).</summary>
    public int EnqueueBulk { get; init; }
    /// <summary>The longest an enqueue figure may take before it stops and reports what it did (slow peers).</summary>
    public TimeSpan EnqueueTimeBox { get; init; }
    /// <summary>Due tasks drained.</summary>
    public int Drain { get; init; }
    /// <summary>Tasks created one at a time on an idle engine for the pickup latency.</summary>
    public int PickupSamples { get; init; }
    /// <summary>How long the raw store limits run (each).</summary>
    public TimeSpan RawDuration { get; init; }
    /// <summary>Tasks seeded for the list, stats and memory figures on SQLite.</summary>
    public int ListSqlite { get; init; }
    /// <summary>Tasks seeded for the list, stats and memory figures on PostgreSQL.</summary>
    public int ListPostgres { get; init; }
    /// <summary>Requests per list filter and per user (after one warm-up).</summary>
    public int ListSamples { get; init; }

    /// <summary>How long serve is left idle while its CPU time is counted.</summary>
    public TimeSpan IdleWindow { get; init; }
    /// <summary>How long serve has run before the idle window starts.</summary>
    public TimeSpan IdleUptime { get; init; }

    public static BenchSizes Full { get; } = new()
    {
        EnqueueOne = 2_000, EnqueueEight = 4_000, EnqueueBulk = 50_000, EnqueueTimeBox = TimeSpan.FromSeconds(30),
        Drain = 5_000, PickupSamples = 200, RawDuration = TimeSpan.FromSeconds(10),
        ListSqlite = 1_000_000, ListPostgres = 10_000_000, ListSamples = 20, IdleWindow = TimeSpan.FromSeconds(60), IdleUptime = TimeSpan.FromSeconds(120),
    };

    public static BenchSizes QuickRun { get; } = new()
    {
        EnqueueOne = 500, EnqueueEight = 1_000, EnqueueBulk = 20_000, EnqueueTimeBox = TimeSpan.FromSeconds(5),
        Drain = 2_000, PickupSamples = 20, RawDuration = TimeSpan.FromSeconds(2),
        ListSqlite = 200_000, ListPostgres = 200_000, ListSamples = 5, IdleWindow = TimeSpan.FromSeconds(10), IdleUptime = TimeSpan.FromSeconds(60),
    };
}
