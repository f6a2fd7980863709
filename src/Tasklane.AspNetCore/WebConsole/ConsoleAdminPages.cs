using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>The operations pages: schedules, workers, a worker's settings, queues and nodes, statistics, users, settings.</summary>
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

    private static T Get<T>(HttpContext http) where T : notnull => http.RequestServices.GetRequiredService<T>();

    private static async Task<IResult> SchedulesAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.Of<SchedulesPage>(ctx, ("Schedules", await Get<ScheduleService>(http).ListAsync(http.RequestAborted)));

    private static async Task<IResult> WorkersAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.Of<WorkersPage>(ctx, ("Workers", await Get<WorkerCatalog>(http).ListAsync(http.RequestAborted)));

    private static async Task<IResult> WorkerAsync(HttpContext http, ConsoleContext ctx)
    {
        var identifier = http.Request.RouteValues["identifier"]?.ToString() ?? "";
        var catalog = Get<WorkerCatalog>(http);
        var info = (await catalog.ListAsync(http.RequestAborted)).FirstOrDefault(w => w.Worker.Identifier == identifier);
        if (info is null) return ConsolePageResult.Of<NotFoundPage>(ctx).WithStatus(StatusCodes.Status404NotFound);
        var settings = await catalog.GetSettingsAsync(identifier, http.RequestAborted);
        var schedule = await Get<ScheduleService>(http).GetAsync(identifier, http.RequestAborted);
        var settingsType = Get<WorkerRegistry>(http).Find(identifier)?.SettingsType;
        return ConsolePageResult.Of<WorkerPage>(ctx, ("Info", info), ("Settings", settings), ("SettingsType", settingsType), ("Schedule", schedule));
    }

    private static async Task<IResult> QueuesAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.Of<QueuesPage>(ctx,
            ("Queues", await QueueEndpoints.LoadQueuesAsync(http, http.RequestAborted)),
            ("Nodes", await QueueEndpoints.LoadNodesAsync(http, http.RequestAborted)));

    private static async Task<IResult> StatisticsAsync(HttpContext http, ConsoleContext ctx)
    {
        var q = new QueryReader(http.Request);
        var range = http.Request.Query["range"].ToString() is { Length: > 0 } r ? r : "today";
        var customFrom = q.Time("from");
        var customTo = q.Time("to");
        var now = ctx.Now;
        // Today, This week and This month start at the browser's local midnight, which tasklane.js sends as
        // "from"; without it (no JavaScript) they start at midnight UTC.
        var localStart = range is "today" or "week" or "month" && q.Error is null && customFrom is { } s && s <= now && now - s <= StatsEndpoints.MaxRange
            ? s
            : (DateTimeOffset?)null;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var (from, to) = range switch
        {
            "week" => (localStart ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), now),
            "month" => (localStart ?? new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero), now),
            "custom" when q.Error is null && customFrom is { } f && StatsEndpoints.RangeError(f, customTo ?? now) is null => (f, customTo ?? now),
            _ => (localStart ?? today, now),
        };
        if (range is not ("week" or "month" or "custom")) range = "today";
        var stats = await StatsEndpoints.LoadAsync(Get<ITaskStore>(http), from, to, http.User.VisibleTo(), http.RequestAborted);
        return ConsolePageResult.Of<StatisticsPage>(ctx, ("Stats", stats), ("Range", range));
    }

    private static async Task<IResult> UsersAsync(HttpContext http, ConsoleContext ctx)
    {
        var accounts = Get<IAccountStore>(http);
        return ConsolePageResult.Of<UsersPage>(ctx,
            ("Users", await accounts.ListUsersAsync(http.RequestAborted)), ("CustomRoles", await accounts.ListRolesAsync(http.RequestAborted)));
    }

    private static async Task<IResult> AuditAsync(HttpContext http, ConsoleContext ctx)
    {
        var (query, _) = AuditEndpoints.ReadQuery(http.Request);
        query ??= new AuditQuery();
        var page = await Get<IAccountStore>(http).ListAuditAsync(query, http.RequestAborted);
        return ConsolePageResult.Of<AuditLogPage>(ctx, ("Query", query), ("Page", page));
    }

    private static async Task<IResult> SettingsAsync(HttpContext http, ConsoleContext ctx) =>
        ConsolePageResult.Of<SettingsPage>(ctx,
            [("Settings", await Get<ITaskSettingsProvider>(http).GetAsync(http.RequestAborted)), .. await ConsoleWebhookForms.SectionAsync(http, ctx)]);
}
