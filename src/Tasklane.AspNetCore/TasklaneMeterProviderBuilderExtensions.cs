using OpenTelemetry.Metrics;

namespace Tasklane;

/// <summary>Adds Tasklane's instruments to a host's OpenTelemetry metrics.</summary>
public static class TasklaneMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to the <see cref="TasklaneDiagnostics.MeterName"/> meter and gives <c>task.run.duration</c> buckets
    /// from 5 ms to an hour. The exporter is the host's: <c>.AddTasklaneInstrumentation().AddPrometheusExporter()</c>.
    /// </summary>
    public static MeterProviderBuilder AddTasklaneInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddMeter(TasklaneDiagnostics.MeterName)
            .AddView("task.run.duration", new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
            });
    }
}
