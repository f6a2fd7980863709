using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>Operator transitions: cancel, retry, execute, delete, process-pending and cleanup.</summary>
internal static partial class TaskActionEndpoints
{
    public const int DefaultCleanupDays = 30;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/api/tasks/process-pending", TaskAccess.Handle(ProcessPendingAsync)).RequirePermission(Permissions.TaskExecute)
            .WithTags("Tasks").WithSummary("Run every due-later pending task now");
        group.MapPost("/api/tasks/cleanup", TaskAccess.Handle(CleanupAsync)).RequirePermission(Permissions.TaskDelete)
            .WithTags("Tasks").WithSummary("Remove completed tasks older than some days, with their logs")
            .WithBody<CleanupRequest>();
        group.MapPost("/api/tasks/{id}/cancel", TaskAccess.Handle((HttpContext c) => TransitionAsync(c, "cancel", (client, id, ct) => client.CancelAsync(id, ct))))
            .RequirePermission(Permissions.TaskCancel)
            .WithTags("Tasks").WithSummary("Cancel: pending at once, running through its token");
        group.MapPost("/api/tasks/{id}/retry", TaskAccess.Handle((HttpContext c) => TransitionAsync(c, "retry", (client, id, ct) => client.RetryAsync(id, ct))))
            .RequirePermission(Permissions.TaskRetry)
            .WithTags("Tasks").WithSummary("Retry a failed or cancelled task");
        group.MapPost("/api/tasks/{id}/execute", TaskAccess.Handle((HttpContext c) => TransitionAsync(c, "execute", (client, id, ct) => client.ExecuteNowAsync(id, ct))))
            .RequirePermission(Permissions.TaskExecute)
            .WithTags("Tasks").WithSummary("Run a pending task due later now");
        group.MapDelete("/api/tasks/{id}", TaskAccess.Handle(DeleteAsync))
            .RequirePermission(Permissions.TaskDelete)
            .WithTags("Tasks").WithSummary("Soft-delete a task (409 while running)");
    }

    /// <summary>Cancel, retry or execute: the task as it is after the change, or the problem.</summary>
    private static async Task<Results<ApiOk<TaskDto>, ApiProblem>> TransitionAsync(
        HttpContext context, string verb, Func<ITaskClient, long, CancellationToken, Task<TransitionResult>> transition)
    {
        var (task, problem) = await ChangeAsync(context, verb, transition);
        return problem is not null ? problem : ApiResults.Ok(TaskDto.From(task!));
    }

    /// <summary>A task's soft delete: 204, or the problem.</summary>
    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(HttpContext context)
    {
        var (_, problem) = await ChangeAsync(context, "delete", (client, id, ct) => client.DeleteAsync(id, ct));
        return problem is not null ? problem : TypedResults.NoContent();
    }

    /// <summary>Makes the transition on the route's task, audited and logged: the task after it, or the problem.</summary>
    private static async Task<(TaskRow? Task, ApiProblem? Problem)> ChangeAsync(
        HttpContext context, string verb, Func<ITaskClient, long, CancellationToken, Task<TransitionResult>> transition)
    {
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return (null, error);
        if (verb == "retry" && task!.ParentId is not null)
        {
            // The subtask route has rules of its own (subtask:retry, the retry window, its dependents): no way around them.
            return (null, Problems.Conflict($"A subtask is retried only with POST /api/subtasks/{task.Id}/retry, which needs subtask:retry and keeps to the subtask retry window."));
        }
        if (verb == "retry" && await FailedStepsAsync(context, task!) is { } conflict) return (null, conflict);
        var client = context.RequestServices.GetRequiredService<ITaskClient>();
        using var audit = HttpAudit.Begin(context, "task." + verb, "task", task!.Id.ToString(CultureInfo.InvariantCulture));
        var result = await transition(client, task.Id, context.RequestAborted);
        switch (result.Outcome)
        {
            case TransitionOutcome.NotFound:
                return (null, Problems.NotFound());
            case TransitionOutcome.WrongState when verb == "delete" && task.ParentId is not null:
                return (null, Problems.Conflict("A subtask is deleted with its parent task: delete the parent instead."));
            case TransitionOutcome.WrongState:
                var status = (result.Task ?? task).Status.ToString().ToLowerInvariant();
                return (null, Problems.Conflict($"Cannot {verb} a task that is {status}{(verb == "execute" ? " or already due" : "")}."));
            default:
                await HttpAudit.CompleteAsync(context, audit);
                LogTransition(Logger(context), verb, task.Id, context.User.Identity?.Name);
                return (result.Task ?? task, null);
        }
    }

    /// <summary>
    /// A parent that failed through a failed subtask is not retried itself: its handler would run again while the
    /// step stays failed, and the parent fail again at once. The step is retried (its route and its rules), and the
    /// parent carries on when it succeeds. A 409 naming the failed steps, or null when retrying the task is right.
    /// </summary>
    private static async Task<ApiProblem?> FailedStepsAsync(HttpContext context, TaskRow task)
    {
        if (task.ParentId is not null || task.Status is not (TaskState.Failed or TaskState.Cancelled)) return null;
        var failed = await context.RequestServices.GetRequiredService<ITaskStore>().ListTasksAsync(
            new TaskQuery { ParentId = task.Id, Status = TaskState.Failed, PageSize = 10 }, context.RequestAborted);
        if (failed.Items.Count == 0) return null;
        var routes = string.Join(", ", failed.Items.Select(s => $"POST {context.Request.PathBase}{Prefix(context)}/api/subtasks/{s.Id}/retry"));
        return Problems.Conflict($"Task {task.Id} failed in its subtasks: retrying it would not retry them. Retry the failed step instead ({routes}); the task carries on when it succeeds.");
    }

    /// <summary>The group prefix of this request's route ("" at the root), from the path that ends in <c>/api/tasks/{id}/retry</c>.</summary>
    private static string Prefix(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var api = path.LastIndexOf("/api/tasks/", StringComparison.Ordinal);
        return api > 0 ? path[..api] : "";
    }

    private static async Task<ApiOk<ProcessPendingDto>> ProcessPendingAsync(HttpContext context)
    {
        var client = context.RequestServices.GetRequiredService<ITaskClient>();
        using var audit = HttpAudit.Begin(context, "task.process_pending", "task", null);
        var count = await client.ProcessPendingAsync(context.User.VisibleTo(), context.RequestAborted);
        await HttpAudit.CompleteAsync(context, audit);
        return ApiResults.Ok(new ProcessPendingDto(count));
    }

    private static async Task<Results<ApiOk<CleanupDto>, ApiProblem>> CleanupAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync(context, new CleanupRequest());
        if (error is not null) return error;
        var days = body!.OlderThanDays ?? DefaultCleanupDays;
        if (days is < 0 or > ITaskClient.MaxCleanupDays) return Problems.BadRequest("older_than_days", $"older_than_days must be between 0 and {ITaskClient.MaxCleanupDays}");
        var client = context.RequestServices.GetRequiredService<ITaskClient>();
        var result = await client.CleanupAsync(days, context.User.VisibleTo(), context.RequestAborted);
        // Not one transaction (the store removes in batches, then the log files go): recorded once it is done, with its counts.
        await HttpAudit.AppendAsync(context, "task.cleanup", "task", null, new { older_than_days = days, tasks = result.Tasks, log_lines = result.LogLines });
        LogCleanup(Logger(context), result.Tasks, result.LogLines, context.User.Identity?.Name);
        return ApiResults.Ok(new CleanupDto(result.Tasks, result.LogLines));
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Tasks");

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: {Verb} by {Username}")]
    private static partial void LogTransition(ILogger logger, string verb, long taskId, string? username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup removed {Tasks} tasks and {LogLines} log lines (by {Username})")]
    private static partial void LogCleanup(ILogger logger, int tasks, int logLines, string? username);
}
