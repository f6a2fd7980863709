using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The operations pages: schedules, workers, a worker's settings, queues and nodes, statistics, users, audit, settings.
/// Each page renders one model, read by the model's own loader (<c>Pages/*Model.cs</c>), which the forms that show the
/// page again (a refused queue or webhook form) use as well.
/// </summary>
internal static class ConsoleAdminPages
{
    public static void Map(RouteGroupBuilder group, string prefix)
    {
        group.MapGet("/tasks/schedules", ConsoleEndpoints.Page(prefix, Permissions.TaskScheduleList, SchedulesAsync)).ExcludeFromDescription();
        group.MapGet("/workers", ConsoleEndpoints.Page(prefix, Permissions.WorkerList, WorkersAsync)).ExcludeFromDescription();
        group.MapGet("/workers/{identifier}", ConsoleEndpoints.Page(prefix, Permissions.WorkerList, WorkerAsync)).ExcludeFromDescription();
        group.MapGet("/queues", ConsoleEndpoints.Page(prefix, Permissions.TaskList, QueuesAsync)).ExcludeFromDescription();
        group.MapGet("/statistics", ConsoleEndpoints.Page(prefix, Permissions.StatsView, StatisticsAsync)).ExcludeFromDescription();
        group.MapGet("/users", ConsoleEndpoints.Page(prefix, Permissions.UserManage, UsersAsync)).ExcludeFromDescription();
        group.MapGet("/audit", ConsoleEndpoints.Page(prefix, Permissions.AuditView, AuditAsync)).ExcludeFromDescription();
        group.MapGet("/settings", ConsoleEndpoints.Page(prefix, Permissions.SystemSettingsView, SettingsAsync)).ExcludeFromDescription();
    }

    private static async Task<IResult> SchedulesAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<SchedulesPage>(ctx, await SchedulesModel.LoadAsync(http));

    private static async Task<IResult> WorkersAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<WorkersPage>(ctx, await WorkersModel.LoadAsync(http));

    private static async Task<IResult> WorkerAsync(HttpContext http, ConsoleContext ctx) =>
        await WorkerModel.LoadAsync(http) is { } model
            ? ConsolePageResult.For<WorkerPage>(ctx, model)
            : ConsolePageResult.NotFound(ctx);

    private static async Task<IResult> QueuesAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<QueuesPage>(ctx, await QueuesModel.LoadAsync(http));

    private static async Task<IResult> StatisticsAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<StatisticsPage>(ctx, await StatisticsModel.LoadAsync(http, ctx));

    private static async Task<IResult> UsersAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<UsersPage>(ctx, await UsersModel.LoadAsync(http));

    private static async Task<IResult> AuditAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<AuditLogPage>(ctx, await AuditModel.LoadAsync(http));

    private static async Task<IResult> SettingsAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<SettingsPage>(ctx, await SettingsModel.LoadAsync(http, ctx));
}
