using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>The oldest due task has waited less than <see cref="TasklaneHealthOptions.MaxDueWait"/>: the nodes keep up.</summary>
internal sealed class BacklogHealthCheck(ITaskStore store, IOptions<TasklaneHealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (await store.OldestDueAsync(now, null, cancellationToken) is not { } oldest) return HealthCheckResult.Healthy("No task is waiting.");
        var wait = now - oldest;
        var max = options.Value.MaxDueWait;
        return wait < max
            ? HealthCheckResult.Healthy($"The oldest due task has waited {HeartbeatHealthCheck.Seconds(wait)} s.")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"The oldest due task has waited {HeartbeatHealthCheck.Seconds(wait)} s (the limit is {HeartbeatHealthCheck.Seconds(max)} s).");
    }
}
