using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Tasklane.Cli.Commands;

/// <summary>
/// What <c>tasklane serve</c>, as the host, adds that a library must not: the OpenTelemetry pipeline with
/// <c>service.name</c> <c>tasklane</c>, Tasklane's meter and the Prometheus exporter at <c>/metrics</c>, and the
/// Tasklane health checks behind <c>/healthz</c>.
/// </summary>
internal static class ServeObservability
{
    public const string ServiceName = "tasklane";

    public static void Add(IServiceCollection services)
    {
        var version = typeof(ServeObservability).Assembly.GetName().Version?.ToString();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: version))
            .WithMetrics(m => m.AddTasklaneInstrumentation().AddPrometheusExporter());
        services.Configure<TasklaneHttpOptions>(o => o.MetricsEndpoint = true);
        services.AddHealthChecks().AddTasklaneHealthChecks();
    }
}
