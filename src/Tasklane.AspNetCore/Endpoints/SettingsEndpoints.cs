using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>The system task settings.</summary>
internal static partial class SettingsEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/system/task-settings", TaskAccess.Handle(GetAsync)).RequirePermission(Permissions.SystemSettingsView)
            .WithTags("Settings").WithSummary("System settings");
        group.MapPut("/api/system/task-settings", TaskAccess.Handle(PutAsync)).RequirePermission(Permissions.SystemSettingsUpdate)
            .WithTags("Settings").WithSummary("Change system settings")
            .WithBody<SettingsRequest>();
        group.MapGet("/api/system/task-settings/log-storage-backends", () => ApiResults.Ok(TaskSettings.LogStorageBackends))
            .RequirePermission(Permissions.SystemSettingsView)
            .WithTags("Settings").WithSummary("The log storage backends");
    }

    private static async Task<ApiOk<TaskSettings>> GetAsync(HttpContext context) =>
        ApiResults.Ok(await Provider(context).GetAsync(context.RequestAborted));

    private static async Task<Results<ApiOk<TaskSettings>, ApiProblem>> PutAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<SettingsRequest>(context);
        if (error is not null) return error;
        var provider = Provider(context);
        var current = await provider.GetAsync(context.RequestAborted);
        var next = current with
        {
            TaskMaxConcurrent = body!.TaskMaxConcurrent ?? current.TaskMaxConcurrent,
            TaskLogStorageBackend = body.TaskLogStorageBackend ?? current.TaskLogStorageBackend,
            RetentionDays = body.RetentionDays ?? current.RetentionDays,
            FailedRetentionDays = body.FailedRetentionDays ?? current.FailedRetentionDays,
            SubtaskRetryWindowHours = body.SubtaskRetryWindowHours ?? current.SubtaskRetryWindowHours,
            LeaseSeconds = body.LeaseSeconds ?? current.LeaseSeconds,
            AuditRetentionDays = body.AuditRetentionDays ?? current.AuditRetentionDays,
        };
        if (next.Validate() is { } invalid) return Problems.BadRequest(invalid.Field, $"{invalid.Field} {invalid.Reason}");
        try
        {
            // The body names what was asked to change; task settings hold no secret.
            using var audit = HttpAudit.Begin(context, "settings.update", "settings", "task-settings", body);
            next = await provider.UpdateAsync(next, context.RequestAborted);
            await HttpAudit.CompleteAsync(context, audit);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.ParamName ?? "body", ex.Message);
        }
        LogChanged(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Settings"), context.User.Identity?.Name);
        return ApiResults.Ok(next);
    }

    private static ITaskSettingsProvider Provider(HttpContext context) => context.RequestServices.GetRequiredService<ITaskSettingsProvider>();

    [LoggerMessage(Level = LogLevel.Information, Message = "Task settings changed by {Username}")]
    private static partial void LogChanged(ILogger logger, string? username);
}
