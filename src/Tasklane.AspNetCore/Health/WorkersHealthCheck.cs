using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// No due task waits for an active worker that no alive node runs (a node with its assembly is missing). One cheap
/// query per such worker; none at all while every active worker has an alive node.
/// </summary>
internal sealed class WorkersHealthCheck(ITaskStore store, IOptions<TasklaneHealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var alive = (await store.ListNodesAsync(cancellationToken))
            .Where(n => now - n.LastHeartbeat <= options.Value.HeartbeatMaxAge)
            .SelectMany(n => n.Workers)
            .ToHashSet(StringComparer.Ordinal);
        var stranded = new List<string>();
        foreach (var worker in await store.ListWorkersAsync(cancellationToken))
        {
            if (!worker.Active || alive.Contains(worker.Identifier)) continue;
            if (await store.OldestDueAsync(now, worker.Identifier, cancellationToken) is not null) stranded.Add(worker.Identifier);
        }
        return stranded.Count == 0
            ? HealthCheckResult.Healthy("Every due task has a node that runs its worker.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"Due tasks wait for workers no alive node runs: {string.Join(", ", stranded)}.",
                data: new Dictionary<string, object> { ["workers"] = stranded });
    }
}
