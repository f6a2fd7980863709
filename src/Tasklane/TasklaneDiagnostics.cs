namespace Tasklane;

/// <summary>The names under which Tasklane publishes its telemetry, for the host's own OpenTelemetry setup.</summary>
public static class TasklaneDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of task executions and creates.</summary>
    public const string ActivitySourceName = "Tasklane";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the task metrics.</summary>
    public const string MeterName = "Tasklane";
}
