using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The task pages: dashboard, task list, task detail and failed tasks. Each page renders one model, read by the model's
/// own loader (<c>Pages/*Model.cs</c>); the page's live regions are that page rendered again (htmx asks for it with
/// HX-Request), so they read the same model.
/// </summary>
internal static class ConsoleTaskPages
{
    public static void Map(RouteGroupBuilder group, string prefix)
    {
        group.MapGet("/", ConsoleEndpoints.Page(prefix, Permissions.TaskList, DashboardAsync)).ExcludeFromDescription();
        group.MapGet("/recent-tasks", ConsoleEndpoints.Page(prefix, null, RecentTasksAsync)).ExcludeFromDescription();
        group.MapGet("/tasks", ConsoleEndpoints.Page(prefix, Permissions.TaskList, TasksAsync)).ExcludeFromDescription();
        group.MapGet("/tasks/failed", ConsoleEndpoints.Page(prefix, Permissions.TaskList, FailedAsync)).ExcludeFromDescription();
        group.MapGet("/tasks/{id:long}", ConsoleEndpoints.Page(prefix, Permissions.TaskView, DetailAsync)).ExcludeFromDescription();
        // Run again: task:create (the page checks task:view and the task's visibility too); the form sends to the API.
        group.MapGet("/tasks/{id:long}/run-again", ConsoleEndpoints.Page(prefix, Permissions.TaskCreate, RunAgainAsync)).ExcludeFromDescription();
    }

    private static async Task<IResult> DashboardAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<DashboardPage>(ctx, await DashboardModel.LoadAsync(http, ctx));

    private static async Task<IResult> RecentTasksAsync(HttpContext http, ConsoleContext ctx)
    {
        var query = new TaskQuery { Current = 1, PageSize = 10, Category = TaskCategory.User, VisibleTo = http.User.UserId() ?? -1 };
        var page = await http.RequestServices.GetRequiredService<ITaskStore>().ListTasksAsync(query, http.RequestAborted);
        return ConsolePageResult.Of<Components.RecentTasks>(ctx, ("Tasks", page.Items));
    }

    private static async Task<IResult> TasksAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<TasksPage>(ctx, await TasksModel.LoadAsync(http));

    private static async Task<IResult> FailedAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.For<FailedPage>(ctx, await FailedModel.LoadAsync(http));

    private static async Task<IResult> RunAgainAsync(HttpContext http, ConsoleContext ctx) =>
        await RunAgainModel.LoadAsync(http, ctx) is { } model
            ? ConsolePageResult.For<RunAgainPage>(ctx, model)
            : ConsolePageResult.NotFound(ctx);

    private static async Task<IResult> DetailAsync(HttpContext http, ConsoleContext ctx) =>
        await TaskDetailModel.LoadAsync(http, ctx) is { } model
            ? ConsolePageResult.For<TaskDetailPage>(ctx, model)
            : ConsolePageResult.NotFound(ctx);
}
