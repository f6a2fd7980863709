namespace Tasklane;

/// <summary>A node's heartbeat: records the node and renews the leases it holds.</summary>
public sealed record HeartbeatParams
{
    /// <summary>The node as it describes itself.</summary>
    public required NodeRow Node { get; init; }
    /// <summary>The new lease expiry for every running task the node owns.</summary>
    public DateTimeOffset LeaseExpiresAt { get; init; }
}

/// <summary>What the heartbeat learned.</summary>
/// <param name="CancelRequested">Running tasks of this node whose cancellation was asked for.</param>
/// <param name="LostLeases">Number of leases not found any more (rescued elsewhere).</param>
public sealed record HeartbeatResult(IReadOnlyList<long> CancelRequested, int LostLeases);
