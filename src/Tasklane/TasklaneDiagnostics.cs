namespace Tasklane;

/// <summary>The names of Tasklane's <c>ActivitySource</c> and <c>Meter</c>, for the host's OpenTelemetry pipeline.</summary>
public static class TasklaneDiagnostics
{
    /// <summary>The name of the activity source of task executions.</summary>
    public const string ActivitySourceName = "Tasklane";

    /// <summary>The name of the meter of the engine's instruments.</summary>
    public const string MeterName = "Tasklane";
}
