using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>Subtasks: a task's steps, one step, and the retry of a failed step. Visibility is the parent's.</summary>
internal static class SubtaskEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/tasks/{id}/subtasks", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.SubtaskView)
            .WithTags("Subtasks").WithSummary("A task's subtasks");
        group.MapGet("/api/subtasks/{id}", TaskAccess.Handle(GetAsync)).RequirePermission(Permissions.SubtaskView)
            .WithTags("Subtasks").WithSummary("One subtask");
        group.MapPost("/api/subtasks/{id}/retry", TaskAccess.Handle(RetryAsync)).RequirePermission(Permissions.SubtaskRetry)
            .WithTags("Subtasks").WithSummary("Retry a failed subtask within the retry window");
    }

    private static async Task<Results<ApiOk<ItemsDto<SubtaskDto>>, ApiProblem>> ListAsync(HttpContext context)
    {
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        var store = Store(context);
        var subtasks = (await store.ListTasksAsync(new TaskQuery { ParentId = task!.Id, PageSize = 10_000 }, context.RequestAborted)).Items
            .OrderBy(t => t.Id).ToList();
        var dependencies = await store.GetDependenciesAsync([.. subtasks.Select(s => s.Id)], context.RequestAborted);
        return ApiResults.Ok(new ItemsDto<SubtaskDto>([.. subtasks.Select(s => SubtaskDto.From(s, dependencies.GetValueOrDefault(s.Id) ?? []))]));
    }

    private static async Task<Results<ApiOk<SubtaskDto>, ApiProblem>> GetAsync(HttpContext context)
    {
        var (subtask, error) = await LoadAsync(context);
        if (error is not null) return error;
        var dependencies = await Store(context).GetDependenciesAsync([subtask!.Id], context.RequestAborted);
        return ApiResults.Ok(SubtaskDto.From(subtask, dependencies.GetValueOrDefault(subtask.Id) ?? []));
    }

    private static async Task<Results<ApiOk<SubtaskDto>, ApiProblem>> RetryAsync(HttpContext context)
    {
        var (subtask, error) = await LoadAsync(context);
        if (error is not null) return error;
        using var audit = HttpAudit.Begin(context, "subtask.retry", "subtask", subtask!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { parent_id = subtask.ParentId });
        var (refusal, retried) = await context.RequestServices.GetRequiredService<SubtaskService>().RetryAsync(subtask.Id, context.RequestAborted);
        if (refusal == SubtaskRetryRefusal.None) await HttpAudit.CompleteAsync(context, audit);
        return refusal switch
        {
            SubtaskRetryRefusal.None => ApiResults.Ok(SubtaskDto.From(retried!, (await Store(context).GetDependenciesAsync([retried!.Id], context.RequestAborted)).GetValueOrDefault(retried.Id) ?? [])),
            SubtaskRetryRefusal.NotFound => Problems.NotFound("subtask"),
            SubtaskRetryRefusal.OutsideWindow => Problems.Conflict("The subtask failed longer ago than the retry window (subtask_retry_window_hours)."),
            _ => Problems.Conflict($"Only a failed subtask can be retried; this one is {subtask.Status.ToString().ToLowerInvariant()}."),
        };
    }

    /// <summary>The subtask of the route: 400 for a bad id, 404 when it is not a subtask or its parent is not visible.</summary>
    private static async Task<(TaskRow? Subtask, ApiProblem? Error)> LoadAsync(HttpContext context)
    {
        var (subtask, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return (null, error);
        if (subtask!.ParentId is not { } parentId) return (null, Problems.NotFound("subtask"));
        var parent = await Store(context).GetTaskAsync(parentId, context.RequestAborted);
        return parent is not null && context.User.CanSee(parent) ? (subtask, null) : (null, Problems.NotFound("subtask"));
    }

    private static ITaskStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ITaskStore>();
}
