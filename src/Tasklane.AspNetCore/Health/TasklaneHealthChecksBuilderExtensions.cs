using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tasklane.AspNetCore;

namespace Tasklane;

/// <summary>Adds Tasklane's checks to ASP.NET Core health checks.</summary>
public static class TasklaneHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds, tagged <see cref="TasklaneHealthChecks.Tag"/>: the store answers, this node's heartbeat is fresh (both
    /// unhealthy when not), the oldest due task waits less than a threshold, and no due task waits for a worker that
    /// no alive node runs (both degraded when not). <c>{prefix}/healthz</c> then answers with their summary; the
    /// host may map them at its own health endpoint too (<c>app.MapHealthChecks("/health")</c>).
    /// </summary>
    public static IHealthChecksBuilder AddTasklaneHealthChecks(this IHealthChecksBuilder builder, Action<TasklaneHealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TasklaneHealthOptions>();
        if (configure is not null) options.Configure(configure);
        builder.Services.TryAddSingleton(TimeProvider.System);
        string[] tags = [TasklaneHealthChecks.Tag];
        return builder
            .AddCheck<StoreHealthCheck>(TasklaneHealthChecks.Store, HealthStatus.Unhealthy, tags)
            .AddCheck<HeartbeatHealthCheck>(TasklaneHealthChecks.Heartbeat, HealthStatus.Unhealthy, tags)
            .AddCheck<BacklogHealthCheck>(TasklaneHealthChecks.Backlog, HealthStatus.Degraded, tags)
            .AddCheck<WorkersHealthCheck>(TasklaneHealthChecks.Workers, HealthStatus.Degraded, tags);
    }
}
