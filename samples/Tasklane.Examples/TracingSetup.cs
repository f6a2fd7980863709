using OpenTelemetry.Trace;

namespace Tasklane.Examples;

/// <summary>The host's own OpenTelemetry pipeline, listening to Tasklane's activities.</summary>
public static class TracingSetup
{
    public static void AddTracing(WebApplicationBuilder builder)
    {
        // snippet: tracing-setup
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
            .AddSource(TasklaneDiagnostics.ActivitySourceName)   // "Tasklane"
            /* .AddAspNetCoreInstrumentation().AddOtlpExporter(), or any exporter of your choice */);
        // end snippet
    }
}
