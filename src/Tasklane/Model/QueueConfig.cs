namespace Tasklane;

/// <summary>
/// The operator's control of one queue, kept in the store and held across every node (docs/queues.md). A queue that was
/// never configured has the defaults: not paused, no global concurrency, no rate.
/// </summary>
public sealed record QueueConfig
{
    /// <summary>The queue name.</summary>
    public required string Name { get; init; }
    /// <summary>True: no node claims the queue's tasks (they stay pending; running ones finish).</summary>
    public bool Paused { get; init; }
    /// <summary>At most this many of the queue's tasks run at once across every node; null for no cap.</summary>
    public int? GlobalConcurrency { get; init; }
    /// <summary>At most this many of the queue's tasks start per second across every node (a token bucket); null for no cap.</summary>
    public double? RatePerSecond { get; init; }
    /// <summary>When the configuration last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True when a claim must lock the queue's row and count: a global concurrency or a rate applies.</summary>
    public bool Limited => GlobalConcurrency is not null || RatePerSecond is not null;
}
