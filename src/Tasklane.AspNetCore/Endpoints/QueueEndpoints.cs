using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary><c>GET /api/queues</c>, <c>PUT /api/queues/:name</c> and <c>GET /api/nodes</c>.</summary>
internal static class QueueEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/queues", TaskAccess.Handle(QueuesAsync)).RequirePermission(Permissions.TaskList)
            .WithTags("Workers").WithSummary("Queues with their counts, concurrency and nodes");
        group.MapPut("/api/queues/{name}", TaskAccess.Handle(UpdateAsync)).RequirePermission(Permissions.QueueUpdate)
            .WithTags("Workers").WithSummary("Pause or resume a queue, set its global concurrency and rate per second")
            .WithBody<QueueUpdateBody>();
        group.MapGet("/api/nodes", TaskAccess.Handle(NodesAsync)).RequirePermission(Permissions.TaskList)
            .WithTags("Workers").WithSummary("Nodes with their heartbeat and load");
    }

    private static async Task<ApiOk<ItemsDto<QueueDto>>> QueuesAsync(HttpContext context) =>
        ApiResults.Ok(new ItemsDto<QueueDto>(await LoadQueuesAsync(context, context.RequestAborted)));

    private static async Task<ApiOk<ItemsDto<NodeDto>>> NodesAsync(HttpContext context) =>
        ApiResults.Ok(new ItemsDto<NodeDto>(await LoadNodesAsync(context, context.RequestAborted)));

    /// <summary>Every node, most recent heartbeat first; its running count only for a caller with <c>task:view_all</c>.</summary>
    public static async Task<IReadOnlyList<NodeDto>> LoadNodesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var nodes = await context.RequestServices.GetRequiredService<ITaskStore>().ListNodesAsync(cancellationToken);
        var viewAll = context.User.Has(Permissions.TaskViewAll);
        return [.. nodes.Select(n => NodeDto.From(n, now, viewAll))];
    }

    /// <summary>
    /// <c>PUT /api/queues/:name</c>: <c>paused</c>, <c>global_concurrency</c>, <c>rate_per_second</c>, each optional (a
    /// field left out keeps its value; null clears a limit). Answers the queue as <c>GET /api/queues</c> shows it.
    /// </summary>
    private static async Task<Results<ApiOk<QueueDto>, ApiProblem>> UpdateAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var (body, error) = await RequestBody.ReadAsync<JsonObject>(context);
        if (error is not null) return error;
        var (change, invalid) = QueueUpdateRequest.Parse(name, body!, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        if (invalid is not null) return invalid;
        using (var audit = HttpAudit.Begin(context, "queue.update", "queue", name))
        {
            await context.RequestServices.GetRequiredService<ITaskStore>().UpdateQueueAsync(change!, context.RequestAborted);
            await HttpAudit.CompleteAsync(context, audit);
        }
        var queues = await LoadQueuesAsync(context, context.RequestAborted);
        return ApiResults.Ok(queues.Single(q => q.Name == name));
    }

    /// <summary>Every queue that has tasks, an alive node serving it or a configuration, by name; counts visible to the caller.</summary>
    public static async Task<IReadOnlyList<QueueDto>> LoadQueuesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var store = context.RequestServices.GetRequiredService<ITaskStore>();
        var counts = await store.CountByQueueAsync(context.User.VisibleTo(), cancellationToken);
        var alive = (await LoadNodesAsync(context, cancellationToken)).Where(n => n.Alive).ToList();
        var configs = (await store.ListQueueConfigsAsync(cancellationToken)).ToDictionary(q => q.Name, StringComparer.Ordinal);
        var names = counts.Select(c => c.Queue).Concat(alive.SelectMany(n => n.Queues.Keys)).Concat(configs.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. names.Select(name =>
        {
            // Counts take in the queue's subtasks too (they wait and run in it like any task); how many of them are
            // subtasks is its own figure (docs/subtasks.md, "How they are counted").
            long Count(TaskState s) => counts.Where(c => c.Queue == name && c.Status == s).Sum(c => c.Count);
            long Subtasks(TaskState s) => counts.Where(c => c.Queue == name && c.Status == s && c.Subtask).Sum(c => c.Count);
            // Every alive node runs every queue: at its own limit for the queue when it has one, else within its
            // shared limit (task_max_concurrent), which is the most that queue can run there.
            return new QueueDto(name, Count(TaskState.Pending), Count(TaskState.Running), Count(TaskState.Failed),
                alive.Sum(n => n.Queues.TryGetValue(name, out var limit) ? limit : n.Concurrency), [.. alive.Select(n => n.Id)],
                new QueueSubtasksDto(Subtasks(TaskState.Pending), Subtasks(TaskState.Running), Subtasks(TaskState.Failed)),
                configs.TryGetValue(name, out var config) && config.Paused, config?.GlobalConcurrency, config?.RatePerSecond);
        })];
    }
}
