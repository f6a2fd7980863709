using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary><c>POST /api/tasks/batch</c>: creates up to 1,000 tasks, all or none, in one transaction with one wake-up.</summary>
internal static class TaskBatchEndpoint
{
    public static async Task<Results<ApiCreated<ItemsDto<TaskDetailDto>>, ApiProblem>> CreateAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<CreateTaskBatchRequest>(context);
        if (error is not null) return error;
        if (body!.Tasks is not { Count: > 0 } items) return Problems.BadRequest("tasks", "tasks must hold 1 to 1000 tasks");
        if (items.Count > CreateTaskBatchRequest.MaxTasks)
        {
            return Problems.BadRequest("tasks", $"tasks must hold 1 to {CreateTaskBatchRequest.MaxTasks} tasks; this batch has {items.Count}");
        }

        var creator = TaskEndpoints.Creator(context);
        var requests = new List<TaskRequest>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) return Problems.BadRequest($"tasks[{i}]", $"tasks[{i}] must be an object");
            if (string.IsNullOrWhiteSpace(item.Worker)) return Problems.BadRequest($"tasks[{i}].worker", $"tasks[{i}].worker is required");
            if (string.IsNullOrWhiteSpace(item.Action)) return Problems.BadRequest($"tasks[{i}].action", $"tasks[{i}].action is required");
            requests.Add(new TaskRequest(item.Worker, item.Action, item.Data?.GetRawText(), item.ToOptions(creator)));
        }

        IReadOnlyList<TaskRow> tasks;
        try
        {
            tasks = await context.RequestServices.GetRequiredService<ITaskClient>().CreateManyAsync(requests, context.RequestAborted);
        }
        catch (TaskCreateException ex)
        {
            // One bad item refuses the batch with 400 naming it (tasks[i].field), whatever the single create answers.
            return ex.Error == TaskCreateError.Conflict ? Problems.From(ex) : Problems.BadRequest(ex.Field ?? "tasks", ex.Message);
        }
        // An idempotency key held by someone else's task would show that task: the answer is 409 instead, as for a
        // single create (the batch's new tasks are stored; docs/api.md says so).
        if (tasks.Any(t => !context.User.CanSee(t))) return Problems.Conflict("An idempotency key of this batch is already used.");
        // No Location: a batch has no one URL (the contract's answer is the tasks, each with its id).
        return ApiResults.Created(new ItemsDto<TaskDetailDto>([.. tasks.Select(t => TaskDto.Detail(t))]));
    }
}
