using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>The task pages: dashboard, task list, task detail and failed tasks.</summary>
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

    private static ITaskStore Store(HttpContext http) => http.RequestServices.GetRequiredService<ITaskStore>();

    private static async Task<IResult> DashboardAsync(HttpContext http, ConsoleContext ctx)
    {
        var store = Store(http);
        var visibleTo = http.User.VisibleTo();
        var counts = await store.CountByStatusAsync(visibleTo, http.RequestAborted);
        var recent = await store.ListTasksAsync(new TaskQuery { PageSize = 10, VisibleTo = visibleTo }, http.RequestAborted);
        // The 10 most recent active tasks: the newest running and pending ones, merged (two indexed queries).
        var running = await store.ListTasksAsync(new TaskQuery { PageSize = 10, Status = TaskState.Running, VisibleTo = visibleTo }, http.RequestAborted);
        var pending = await store.ListTasksAsync(new TaskQuery { PageSize = 10, Status = TaskState.Pending, VisibleTo = visibleTo }, http.RequestAborted);
        IReadOnlyList<TaskRow> active = [.. running.Items.Concat(pending.Items).OrderByDescending(t => t.Id).Take(10)];
        var queues = await QueueEndpoints.LoadQueuesAsync(http, http.RequestAborted);
        var nodes = await QueueEndpoints.LoadNodesAsync(http, http.RequestAborted);
        var workers = await store.ListWorkersAsync(http.RequestAborted);
        IReadOnlyDictionary<string, string?> scopes = workers.ToDictionary(w => w.Identifier, w => w.Scope, StringComparer.Ordinal);
        var (strandedWorkers, pausedQueues) = await StrandedTasks.FindAsync(http, store, queues, nodes, workers,
            counts.GetValueOrDefault(TaskState.Pending), ctx.Now);
        var model = new DashboardModel(counts, recent.Items, active, queues.Count(q => q.Pending + q.Running > 0), nodes.Count(n => n.Alive), scopes,
            strandedWorkers, pausedQueues);
        return ConsolePageResult.Of<DashboardPage>(ctx, ("Model", model));
    }

    private static async Task<IResult> RecentTasksAsync(HttpContext http, ConsoleContext ctx)
    {
        var query = new TaskQuery { Current = 1, PageSize = 10, Category = TaskCategory.User, VisibleTo = http.User.UserId() ?? -1 };
        var page = await Store(http).ListTasksAsync(query, http.RequestAborted);
        return ConsolePageResult.Of<Components.RecentTasks>(ctx, ("Tasks", page.Items));
    }

    private static async Task<IResult> TasksAsync(HttpContext http, ConsoleContext ctx)
    {
        var (query, error) = TaskEndpoints.ReadQuery(http);
        query ??= new TaskQuery { VisibleTo = http.User.VisibleTo() };
        var page = await Store(http).ListTasksAsync(query, http.RequestAborted);
        IReadOnlyList<(string, string)> targets = [];
        if (http.User.Has(Permissions.TaskCreate))
        {
            // Inactive workers take no new tasks and subtask-only actions are not created on their own, so the form does not offer them.
            var registry = http.RequestServices.GetRequiredService<WorkerRegistry>();
            var inactive = (await http.RequestServices.GetRequiredService<WorkerCatalog>().ListAsync(http.RequestAborted))
                .Where(w => !w.Worker.Active).Select(w => w.Worker.Identifier).ToHashSet(StringComparer.Ordinal);
            targets = [.. registry.Workers.Where(w => !inactive.Contains(w.Identifier)).OrderBy(w => w.Identifier, StringComparer.Ordinal)
                .SelectMany(w => w.ListedActions.Select(a => (w.Identifier, a)))];
        }
        return ConsolePageResult.Of<TasksPage>(ctx, ("Query", query), ("Page", page), ("Invalid", error is not null), ("Targets", targets));
    }

    private static async Task<IResult> FailedAsync(HttpContext http, ConsoleContext ctx)
    {
        var (query, _) = TaskEndpoints.ReadQuery(http);
        query = (query ?? new TaskQuery { VisibleTo = http.User.VisibleTo() }) with { Status = TaskState.Failed };
        var page = await Store(http).ListTasksAsync(query, http.RequestAborted);
        return ConsolePageResult.Of<FailedPage>(ctx, ("Query", query), ("Page", page), ("Driver", Store(http).Name));
    }

    private static async Task<IResult> RunAgainAsync(HttpContext http, ConsoleContext ctx)
    {
        var (task, _) = ctx.Can(Permissions.TaskView) ? await TaskAccess.LoadAsync(http) : (null, null);
        if (task is null) return ConsolePageResult.Of<NotFoundPage>(ctx).WithStatus(StatusCodes.Status404NotFound);
        return ConsolePageResult.Of<RunAgainPage>(ctx, ("Task", task), ("Data", ConsoleFormat.Json(task.Data)), ("Queue", task.Queue),
            ("Priority", task.Priority.ToString().ToLowerInvariant()));
    }

    private static async Task<IResult> DetailAsync(HttpContext http, ConsoleContext ctx)
    {
        var (task, _) = await TaskAccess.LoadAsync(http);
        if (task is null) return ConsolePageResult.Of<NotFoundPage>(ctx).WithStatus(StatusCodes.Status404NotFound);
        var store = Store(http);
        var logs = await http.RequestServices.GetRequiredService<TaskLogs>().GetAsync(task.Id, 0, 2000, http.RequestAborted);
        IReadOnlyList<TaskRow> subtasks = [];
        IReadOnlyDictionary<long, IReadOnlyList<long>> dependencies = new Dictionary<long, IReadOnlyList<long>>();
        if (ctx.Can(Permissions.SubtaskView))
        {
            subtasks = [.. (await store.ListTasksAsync(new TaskQuery { ParentId = task.Id, PageSize = 10_000 }, http.RequestAborted)).Items.OrderBy(s => s.Id)];
            if (subtasks.Count > 0) dependencies = await store.GetDependenciesAsync([.. subtasks.Select(s => s.Id)], http.RequestAborted);
        }
        return ConsolePageResult.Of<TaskDetailPage>(ctx, ("Task", task), ("Logs", logs), ("Subtasks", subtasks), ("Dependencies", dependencies));
    }
}
