using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>This node's heartbeat, as the store holds it, is younger than <see cref="TasklaneHealthOptions.HeartbeatMaxAge"/>.</summary>
internal sealed class HeartbeatHealthCheck(ITaskStore store, IOptions<TasklaneOptions> tasklane, IOptions<TasklaneHealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var nodeId = tasklane.Value.NodeId;
        var node = (await store.ListNodesAsync(cancellationToken)).FirstOrDefault(n => n.Id == nodeId);
        if (node is null) return new HealthCheckResult(context.Registration.FailureStatus, $"Node {nodeId} has no heartbeat in the store.");
        var age = time.GetUtcNow() - node.LastHeartbeat;
        var max = options.Value.HeartbeatMaxAge;
        return age <= max
            ? HealthCheckResult.Healthy($"Node {nodeId} beat {Seconds(age)} s ago.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Node {nodeId} last beat {Seconds(age)} s ago (more than {Seconds(max)} s).");
    }

    internal static long Seconds(TimeSpan span) => (long)Math.Max(0, span.TotalSeconds);
}
