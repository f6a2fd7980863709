namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>
/// One node in <c>GET /api/nodes</c>; <c>alive</c> when its heartbeat is younger than 30 seconds. <c>running</c> counts
/// every user's tasks, so it is null for a caller without <c>task:view_all</c> (docs/security.md).
/// </summary>
public sealed record NodeDto(
    string Id,
    string Host,
    int Pid,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    double HeartbeatAgeSeconds,
    IReadOnlyDictionary<string, int> Queues,
    IReadOnlyList<string> Workers,
    int Concurrency,
    int? Running,
    bool Alive)
{
    internal static NodeDto From(NodeRow n, DateTimeOffset now, bool viewAll) => new(
        n.Id, n.Host, n.Pid, n.StartedAt, n.LastHeartbeat, Math.Max(0, (now - n.LastHeartbeat).TotalSeconds),
        n.Queues, n.Workers, n.Concurrency, viewAll ? n.Running : null, now - n.LastHeartbeat < WorkerCatalog.NodeAliveFor);
}
