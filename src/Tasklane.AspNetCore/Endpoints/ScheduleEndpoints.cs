using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>Schedules: list, toggle, run once now.</summary>
internal static class ScheduleEndpoints
{
    /// <param name="group">The Tasklane route group.</param>
    /// <param name="prefix">The MapTasklane prefix ("/" for none): the group's routes sit under it, but PathBase does not
    /// include it, so a Location to another route has to add it.</param>
    public static void Map(RouteGroupBuilder group, string prefix)
    {
        var tasks = (prefix == "/" ? PathString.Empty : new PathString(prefix)).Add("/api/tasks");
        group.MapGet("/api/task-schedules", TaskAccess.Handle(async c =>
            ApiResults.Ok(new ItemsDto<ScheduleDto>([.. (await Schedules(c).ListAsync(c.RequestAborted)).Select(s => ScheduleDto.From(s, c.User.Has(Permissions.TaskViewAll)))]))))
            .RequirePermission(Permissions.TaskScheduleList)
            .WithTags("Schedules").WithSummary("Schedules with their next and last runs");
        group.MapPost("/api/task-schedules/{id}/toggle", TaskAccess.Handle(ToggleAsync)).RequirePermission(Permissions.TaskScheduleUpdate)
            .WithTags("Schedules").WithSummary("Enable or disable a schedule");
        group.MapPost("/api/task-schedules/{id}/trigger", TaskAccess.Handle(c => TriggerAsync(c, tasks))).RequirePermission(Permissions.TaskScheduleUpdate)
            .WithTags("Schedules").WithSummary("Run a schedule once now");
    }

    private static async Task<Results<ApiOk<ScheduleDto>, ApiProblem>> ToggleAsync(HttpContext context)
    {
        using var audit = HttpAudit.Begin(context, "schedule.toggle", "schedule", Id(context));
        var view = await Schedules(context).ToggleAsync(Id(context), context.RequestAborted);
        if (view is not null) await HttpAudit.CompleteAsync(context, audit);
        return view is null ? Problems.NotFound("schedule") : ApiResults.Ok(ScheduleDto.From(view, context.User.Has(Permissions.TaskViewAll)));
    }

    private static async Task<Results<ApiCreated<TaskDto>, ApiProblem>> TriggerAsync(HttpContext context, PathString tasks)
    {
        var user = context.User;
        var creator = new TaskCreator(user.UserId() ?? 0, user.Identity?.Name ?? "", context.Connection.RemoteIpAddress?.ToString());
        try
        {
            using var audit = HttpAudit.Begin(context, "schedule.trigger", "schedule", Id(context));
            var task = await Schedules(context).TriggerAsync(Id(context), creator, context.RequestAborted);
            if (task is null) return Problems.NotFound("schedule");
            await HttpAudit.CompleteAsync(context, audit);
            return ApiResults.Created($"{context.Request.PathBase.Add(tasks)}/{task.Id.ToString(CultureInfo.InvariantCulture)}", TaskDto.From(task));
        }
        catch (TaskCreateException ex)
        {
            return Problems.From(ex);
        }
    }

    private static string Id(HttpContext context) => context.Request.RouteValues["id"]?.ToString() ?? "";

    private static ScheduleService Schedules(HttpContext context) => context.RequestServices.GetRequiredService<ScheduleService>();
}
