using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
        ConsoleEndpoints.Map(group, normalized);
        group.MapGet("/healthz", TaskAccess.Handle(HealthAsync)).AllowAnonymous();
        var metrics = endpoints.MapPrometheusScrapingEndpoint((normalized == "/" ? "" : normalized) + "/metrics");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.MetricsPermission is { } permission)
        {
            metrics.RequireAuthorization(permission);
        }
        return group;
    }

    private static async Task<IResult> HealthAsync(HttpContext context)
    {
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
}
