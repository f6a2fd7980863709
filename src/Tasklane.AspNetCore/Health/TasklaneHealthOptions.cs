namespace Tasklane;

/// <summary>Thresholds of the Tasklane health checks (<c>AddTasklaneHealthChecks</c>).</summary>
public sealed class TasklaneHealthOptions
{
    /// <summary>How long the store may take to answer before it counts as down. Default 5 seconds.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The oldest this node's heartbeat in the store may be, and the age past which another node counts as gone.
    /// Default 30 seconds (the <c>alive</c> of <c>/api/nodes</c>).
    /// </summary>
    public TimeSpan HeartbeatMaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the oldest due task may wait for a worker slot before the backlog check is degraded. Default 5 minutes.</summary>
    public TimeSpan MaxDueWait { get; set; } = TimeSpan.FromMinutes(5);
}
