using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>
/// <c>POST /api/tasks/:id/clone</c> ("Run again"): a new task from one the caller can see, the given fields replaced,
/// checked as a create is; audited as <c>task.clone</c> in the create's own transaction.
/// </summary>
internal static class TaskCloneEndpoint
{
    public static async Task<Results<ApiCreated<TaskDetailDto>, ApiProblem>> CloneAsync(HttpContext context)
    {
        if (!context.User.Has(Permissions.TaskView))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, $"This needs the permission {Permissions.TaskView} as well as {Permissions.TaskCreate}.");
        }
        var (source, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        var (body, bodyError) = await RequestBody.ReadAsync(context, new CloneTaskRequest());
        if (bodyError is not null) return bodyError;
        var (created, refusal) = await CloneAsync(context, source!, body!);
        if (refusal is not null) return Problems.From(refusal);
        if (created is null) return Problems.NotFound();
        return ApiResults.Created(TaskPath(context, created.Id), TaskDto.Detail(created));
    }

    /// <summary>
    /// Clones <paramref name="source"/> for the caller (the API and the console's Run again form): the new task, or
    /// why it was refused; neither when the source went in between.
    /// </summary>
    internal static async Task<(TaskRow? Task, TaskCreateException? Refusal)> CloneAsync(HttpContext context, TaskRow source, CloneTaskRequest body)
    {
        var creator = TaskEndpoints.Creator(context);
        var changes = new TaskCloneOptions
        {
            Data = body.Data is { ValueKind: not System.Text.Json.JsonValueKind.Null } data ? data.GetRawText() : null,
            RunAt = body.RunAt,
            Queue = body.Queue,
            Priority = body.Priority,
            CreatedBy = creator,
            IpAddress = creator.IpAddress,
        };
        try
        {
            using var audit = HttpAudit.Begin(context, "task.clone", "task", source.Id.ToString(CultureInfo.InvariantCulture));
            var task = await context.RequestServices.GetRequiredService<ITaskClient>().CloneAsync(source.Id, changes, context.RequestAborted);
            if (task is null) return (null, null);
            await HttpAudit.CompleteAsync(context, audit);
            return (task, null);
        }
        catch (TaskCreateException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>The new task's URL: this request's path with <c>{id}/clone</c> replaced by the new id.</summary>
    private static string TaskPath(HttpContext context, long id)
    {
        var path = (context.Request.PathBase + context.Request.Path).Value!.TrimEnd('/');
        var tasks = path[..path.LastIndexOf('/')];
        tasks = tasks[..tasks.LastIndexOf('/')];
        return tasks + "/" + id.ToString(CultureInfo.InvariantCulture);
    }
}
