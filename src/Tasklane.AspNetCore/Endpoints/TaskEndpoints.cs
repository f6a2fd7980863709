using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>Task lists, creation, detail and the quick status poll.</summary>
internal static partial class TaskEndpoints
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 20;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/tasks", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.TaskList)
            .WithTags("Tasks").WithSummary("Tasks, newest first")
            .WithQuery(ApiQuery.TaskFilters);
        group.MapPost("/api/tasks", TaskAccess.Handle(CreateAsync)).RequirePermission(Permissions.TaskCreate)
            .WithTags("Tasks").WithSummary("Create a task")
            .WithBody<CreateTaskRequest>();
        group.MapPost("/api/tasks/batch", TaskAccess.Handle(TaskBatchEndpoint.CreateAsync)).RequirePermission(Permissions.TaskCreate)
            .WithTags("Tasks").WithSummary("Create 1 to 1,000 tasks, all or none, in one transaction")
            .WithBody<CreateTaskBatchRequest>();
        // The permission is the action's (task:retry, task:cancel, ...), known only from the body: checked inside.
        group.MapPost("/api/tasks/bulk", TaskAccess.Handle(TaskBulkEndpoint.HandleAsync)).RequireAuthorization(TasklanePolicies.Authenticated)
            .WithTags("Tasks").WithSummary("Retry, cancel, delete or run now many tasks, by ids or by the list's filters (needs the action's permission)")
            .WithBody<TaskBulkRequest>();
        group.MapGet("/api/tasks/{id}", TaskAccess.Handle(DetailAsync)).RequirePermission(Permissions.TaskView)
            .WithTags("Tasks").WithSummary("A task with its data and subtask counts");
        group.MapGet("/api/tasks/{id}/status", TaskAccess.Handle(StatusAsync)).RequirePermission(Permissions.TaskView)
            .WithTags("Tasks").WithSummary("The quick status poll");
        // task:create by policy, task:view in the handler (a route has one permission policy).
        group.MapPost("/api/tasks/{id}/clone", TaskAccess.Handle(TaskCloneEndpoint.CloneAsync)).RequirePermission(Permissions.TaskCreate)
            .WithTags("Tasks").WithSummary("Run again: a new task with the same worker and action, the given fields replaced (needs task:view too)")
            .WithBody<CloneTaskRequest>();
        group.MapGet("/api/user-tasks", TaskAccess.Handle(UserTasksAsync)).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy)
            .WithTags("Tasks").WithSummary("The caller's 10 most recent tasks");
        group.MapGet("/api/failed-tasks", TaskAccess.Handle(FailedAsync)).RequirePermission(Permissions.TaskList)
            .WithTags("Tasks").WithSummary("Failed tasks with their error and stack trace")
            .WithQuery(ApiQuery.TaskFilters);
    }

    private static async Task<Results<ApiOk<PageDto<TaskDto>>, ApiProblem>> ListAsync(HttpContext context)
    {
        var (query, error) = ReadQuery(context);
        if (error is not null) return error;
        var page = await Store(context).ListTasksAsync(query!, context.RequestAborted);
        return ApiResults.Ok(new PageDto<TaskDto>([.. page.Items.Select(TaskDto.From)], page.Total, query!.Current, query.PageSize, page.TotalCapped, NextAfterId(page, query)));
    }

    private static async Task<Results<ApiOk<PageDto<FailedTaskDto>>, ApiProblem>> FailedAsync(HttpContext context)
    {
        var (query, error) = ReadQuery(context);
        if (error is not null) return error;
        query = query! with { Status = TaskState.Failed };
        var store = Store(context);
        var page = await store.ListTasksAsync(query, context.RequestAborted);
        return ApiResults.Ok(new PageDto<FailedTaskDto>([.. page.Items.Select(t => TaskDto.Failed(t, store.Name))], page.Total, query.Current, query.PageSize, page.TotalCapped, NextAfterId(page, query)));
    }

    private static async Task<ApiOk<ItemsDto<TaskDto>>> UserTasksAsync(HttpContext context)
    {
        var query = new TaskQuery { Current = 1, PageSize = 10, Category = TaskCategory.User, VisibleTo = context.User.UserId() ?? -1 };
        var page = await Store(context).ListTasksAsync(query, context.RequestAborted);
        return ApiResults.Ok(new ItemsDto<TaskDto>([.. page.Items.Select(TaskDto.From)]));
    }

    private static async Task<Results<ApiCreated<TaskDetailDto>, ApiOk<TaskDetailDto>, ApiProblem>> CreateAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<CreateTaskRequest>(context);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(body!.Worker)) return Problems.BadRequest("worker", "worker is required");
        if (string.IsNullOrWhiteSpace(body.Action)) return Problems.BadRequest("action", "action is required");

        var user = context.User;
        var creator = Creator(context);
        var options = body.ToOptions(creator);
        CreateTaskResult result;
        try
        {
            var client = context.RequestServices.GetRequiredService<ITaskClient>();
            result = await client.CreateOrGetFromJsonAsync(body.Worker, body.Action, body.Data?.GetRawText(), options, context.RequestAborted);
        }
        catch (TaskCreateException ex)
        {
            return Problems.From(ex);
        }
        if (!result.Created)
        {
            // An idempotent repeat answers 200 with the first task, unless that task is someone else's.
            return user.CanSee(result.Task)
                ? ApiResults.Ok(TaskDto.Detail(result.Task))
                : Problems.Conflict("This idempotency key is already used.");
        }
        LogCreated(Logger(context), result.Task.Id, result.Task.Worker, result.Task.Action, creator.Username);
        return ApiResults.Created(context, result.Task.Id, TaskDto.Detail(result.Task));
    }

    /// <summary>The signed-in caller as the creator of the tasks of this request.</summary>
    internal static TaskCreator Creator(HttpContext context) =>
        new(context.User.UserId() ?? 0, context.User.Identity?.Name ?? "", context.Connection.RemoteIpAddress?.ToString());

    private static async Task<Results<ApiOk<TaskDetailDto>, ApiProblem>> DetailAsync(HttpContext context)
    {
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        var subtasks = await context.RequestServices.GetRequiredService<ITaskStore>().CountSubtasksAsync(task!.Id, context.RequestAborted);
        return ApiResults.Ok(TaskDto.Detail(task, subtasks));
    }

    private static async Task<Results<ApiOk<TaskStatusDto>, ApiProblem>> StatusAsync(HttpContext context)
    {
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        // task_data is the whole task, as the detail answers it.
        var subtasks = await Store(context).CountSubtasksAsync(task!.Id, context.RequestAborted);
        return ApiResults.Ok(new TaskStatusDto(task.Status, task.Progress, task.Message, TaskDto.Detail(task, subtasks)));
    }

    /// <summary>The list query from the query string; the caller's visibility applied.</summary>
    public static (TaskQuery? Query, ApiProblem? Error) ReadQuery(HttpContext context) => ReadQuery(new QueryReader(context.Request), context);

    /// <summary>The list query read by <paramref name="q"/> (the query string, or a bulk call's filter); the caller's visibility applied.</summary>
    public static (TaskQuery? Query, ApiProblem? Error) ReadQuery(QueryReader q, HttpContext context)
    {
        var query = new TaskQuery
        {
            Current = q.Int("current", min: 1) ?? 1,
            AfterId = q.Long("after_id", min: 1),
            PageSize = Math.Min(q.Int("page_size", min: 1) ?? DefaultPageSize, MaxPageSize),
            Search = q.String("search"),
            Status = q.Enum<TaskState>("status"),
            User = q.String("user"),
            Worker = q.String("worker"),
            Action = q.String("action"),
            Queue = q.String("queue"),
            Id = q.Long("id", min: 1),
            From = q.Time("from"),
            To = q.Time("to"),
            ObjectType = q.String("object_type"),
            ObjectId = q.String("object_id"),
            Tags = [.. context.Request.Query["tag"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())],
            ScheduleId = q.String("schedule_id"),
            Category = q.Enum<TaskCategory>("category"),
            VisibleTo = context.User.VisibleTo(),
        };
        return q.Error is null ? (query, null) : (null, q.Error);
    }

    /// <summary>The keyset cursor of the next page (the last id of a full page), or null on the last page.</summary>
    private static long? NextAfterId(TaskPage page, TaskQuery query) =>
        page.Items.Count == query.PageSize && page.Items.Count > 0 ? page.Items[^1].Id : null;

    private static ITaskStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ITaskStore>();

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Tasks");

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ({Worker}.{Action}) created by {Username}")]
    private static partial void LogCreated(ILogger logger, long taskId, string worker, string action, string username);
}
