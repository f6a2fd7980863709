namespace Tasklane;

/// <summary>The names and tag of the Tasklane health checks.</summary>
public static class TasklaneHealthChecks
{
    /// <summary>The tag every Tasklane check carries; <c>/healthz</c> runs the checks with it.</summary>
    public const string Tag = "tasklane";

    /// <summary>The store answers a ping (unhealthy when not).</summary>
    public const string Store = "tasklane-store";

    /// <summary>This node's heartbeat in the store is fresh (unhealthy when not).</summary>
    public const string Heartbeat = "tasklane-heartbeat";

    /// <summary>The oldest due task waits less than the threshold (degraded when not).</summary>
    public const string Backlog = "tasklane-backlog";

    /// <summary>No due task waits for a worker that no alive node runs (degraded when one does).</summary>
    public const string Workers = "tasklane-workers";
}
