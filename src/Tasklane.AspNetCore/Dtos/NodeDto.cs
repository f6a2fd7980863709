namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>One node in <c>GET /api/nodes</c>; <c>alive</c> when its heartbeat is younger than 30 seconds.</summary>
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
    int Running,
    bool Alive)
{
    internal static NodeDto From(NodeRow n, DateTimeOffset now) => new(
        n.Id, n.Host, n.Pid, n.StartedAt, n.LastHeartbeat, Math.Max(0, (now - n.LastHeartbeat).TotalSeconds),
        n.Queues, n.Workers, n.Concurrency, n.Running, now - n.LastHeartbeat < WorkerCatalog.NodeAliveFor);
}
