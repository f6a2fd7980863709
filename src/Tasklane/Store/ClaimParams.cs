namespace Tasklane;

/// <summary>Claim a batch of due tasks for one node.</summary>
public sealed record ClaimParams
{
    /// <summary>The claiming node; becomes the lease owner.</summary>
    public required string NodeId { get; init; }
    /// <summary>Tasks with <c>run_at &lt;= Now</c> are due.</summary>
    public DateTimeOffset Now { get; init; }
    /// <summary>The lease's expiry.</summary>
    public DateTimeOffset LeaseExpiresAt { get; init; }
    /// <summary>At most this many tasks.</summary>
    public int Limit { get; init; }
    /// <summary>Only tasks of these workers (the ones the node can run).</summary>
    public required IReadOnlyList<string> Workers { get; init; }
    /// <summary>Free slots of queues that have their own limit; queues not named here are limited by <see cref="Limit"/> only.</summary>
    public IReadOnlyDictionary<string, int> QueueSlots { get; init; } = new Dictionary<string, int>();
}
