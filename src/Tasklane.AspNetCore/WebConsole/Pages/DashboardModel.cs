using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the dashboard shows.</summary>
/// <param name="Counts">Tasks by status, as the user may see them.</param>
/// <param name="Recent">The 10 most recent tasks.</param>
/// <param name="Active">The 10 most recent active (running or pending) tasks.</param>
/// <param name="ActiveQueues">Queues with pending or running tasks.</param>
/// <param name="AliveNodes">Nodes with a recent heartbeat.</param>
/// <param name="Scopes">Each registered worker's scope (module or package), shown next to the worker.</param>
/// <param name="StrandedWorkers">Active workers with a due task that no alive node runs.</param>
/// <param name="PausedQueues">Paused queues that hold pending tasks.</param>
public sealed record DashboardModel(
    IReadOnlyDictionary<TaskState, long> Counts,
    IReadOnlyList<TaskRow> Recent,
    IReadOnlyList<TaskRow> Active,
    int ActiveQueues,
    int AliveNodes,
    IReadOnlyDictionary<string, string?> Scopes,
    IReadOnlyList<string> StrandedWorkers,
    IReadOnlyList<string> PausedQueues)
{
    /// <summary>Reads what the dashboard shows, as the signed-in user may see it.</summary>
    internal static async Task<DashboardModel> LoadAsync(HttpContext http, ConsoleContext ctx)
    {
        var store = http.RequestServices.GetRequiredService<ITaskStore>();
        var visibleTo = http.User.VisibleTo();
        var counts = await store.CountByStatusAsync(visibleTo, http.RequestAborted);
        var recent = await store.ListTasksAsync(new TaskQuery { PageSize = 10, VisibleTo = visibleTo }, http.RequestAborted);
        // The 10 most recent active tasks (running or pending), in one query.
        var active = await store.ListActiveTasksAsync(10, visibleTo, http.RequestAborted);
        var queues = await QueueEndpoints.LoadQueuesAsync(http, http.RequestAborted);
        var nodes = await QueueEndpoints.LoadNodesAsync(http, http.RequestAborted);
        var workers = await store.ListWorkersAsync(http.RequestAborted);
        IReadOnlyDictionary<string, string?> scopes = workers.ToDictionary(w => w.Identifier, w => w.Scope, StringComparer.Ordinal);
        var (strandedWorkers, pausedQueues) = await StrandedTasks.FindAsync(http, store, queues, nodes, workers,
            counts.GetValueOrDefault(TaskState.Pending), ctx.Now);
        return new DashboardModel(counts, recent.Items, active, queues.Count(q => q.Pending + q.Running > 0), nodes.Count(n => n.Alive), scopes,
            strandedWorkers, pausedQueues);
    }
}
