using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tasklane.AspNetCore;
using Tasklane.AspNetCore.WebConsole;

namespace Tasklane;

/// <summary>Maps the Tasklane HTTP API into a host.</summary>
public static class TasklaneEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every Tasklane route under <paramref name="prefix"/>: <c>app.MapTasklane("/tasklane")</c> serves
    /// <c>/tasklane/api/...</c> and <c>/tasklane/healthz</c>. Requires <c>AddTasklaneHttp</c>.
    /// </summary>
    /// <returns>The route group, for further conventions.</returns>
    public static RouteGroupBuilder MapTasklane(this IEndpointRouteBuilder endpoints, string prefix = "/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var normalized = "/" + (prefix ?? "").Trim().Trim('/');
        var prefixes = endpoints.ServiceProvider.GetService<TasklanePrefixes>()
            ?? throw new InvalidOperationException("Call services.AddTasklaneHttp() before app.MapTasklane().");
        prefixes.Add(normalized == "/" ? PathString.Empty : new PathString(normalized));

        var group = endpoints.MapGroup(normalized);
        group.AddEndpointFilter<AntiforgeryFilter>();
        group.AddEndpointFilter<QueryParameterFilter>();
        AuthEndpoints.Map(group, normalized);
        UserEndpoints.Map(group);
        RoleEndpoints.Map(group);
        AuditEndpoints.Map(group);
        TaskEndpoints.Map(group);
        TaskActionEndpoints.Map(group);
        TaskLogEndpoints.Map(group);
        TaskEventsEndpoint.Map(group);
        SettingsEndpoints.Map(group);
        WorkerEndpoints.Map(group);
        SubtaskEndpoints.Map(group);
        ScheduleEndpoints.Map(group, normalized);
        StatsEndpoints.Map(group);
        QueueEndpoints.Map(group);
        WebhookEndpoints.Map(group);
        ConsoleEndpoints.Map(group, normalized);
        group.MapGet("/healthz", TaskAccess.Handle(HealthAsync)).AllowAnonymous()
            .WithTags("Health").WithSummary("200 when the store answers");
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value;
        if (options.MetricsEndpoint)
        {
            var metrics = endpoints.MapPrometheusScrapingEndpoint((normalized == "/" ? "" : normalized) + "/metrics");
            if (options.MetricsPermission is { } permission) metrics.RequirePermission(permission);
        }
        return group;
    }

    private static async Task<IResult> HealthAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<HealthCheckService>() is { } checks
            && context.RequestServices.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Any(r => r.Tags.Contains(TasklaneHealthChecks.Tag)))
        {
            return await HealthSummaryAsync(context, checks);
        }
        var store = context.RequestServices.GetRequiredService<ITaskStore>();
        using var timer = new CancellationTokenSource(TimeSpan.FromSeconds(5), context.RequestServices.GetRequiredService<TimeProvider>());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timer.Token);
        try
        {
            await store.PingAsync(timeout.Token);
            return TypedResults.Json(new { status = "ok", store = store.Name }, ApiJson.Options);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, $"The store ({store.Name}) does not answer: {ex.Message}");
        }
    }

    /// <summary>
    /// The summary of the Tasklane health checks: 200 <c>ok</c> when all are healthy, 200 <c>degraded</c> when one is
    /// degraded (the node works but falls behind), 503 problem+json when one is unhealthy; each check under <c>checks</c>.
    /// </summary>
    private static async Task<IResult> HealthSummaryAsync(HttpContext context, HealthCheckService checks)
    {
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(TasklaneHealthChecks.Tag), context.RequestAborted);
        var entries = report.Entries.ToDictionary(e => e.Key, e => new
        {
            status = e.Value.Status.ToString().ToLowerInvariant(),
            description = e.Value.Description ?? e.Value.Exception?.Message,
        });
        var store = context.RequestServices.GetRequiredService<ITaskStore>().Name;
        if (report.Status == HealthStatus.Unhealthy)
        {
            var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message}");
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = string.Join("; ", failing),
                Extensions = { ["store"] = store, ["checks"] = entries },
            });
        }
        return TypedResults.Json(new { status = report.Status == HealthStatus.Healthy ? "ok" : "degraded", store, checks = entries }, ApiJson.Options);
    }
}
