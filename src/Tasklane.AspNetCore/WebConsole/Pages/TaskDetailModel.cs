using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What a task's page shows.</summary>
/// <param name="Task">The task.</param>
/// <param name="Logs">Its log, oldest first (up to 2,000 lines; the page's stream appends the rest).</param>
/// <param name="Subtasks">Its subtasks by id (none without subtask:view).</param>
/// <param name="Dependencies">Each subtask's prerequisites (by id).</param>
public sealed record TaskDetailModel(
    TaskRow Task,
    IReadOnlyList<TaskLogLine> Logs,
    IReadOnlyList<TaskRow> Subtasks,
    IReadOnlyDictionary<long, IReadOnlyList<long>> Dependencies)
{
    /// <summary>Reads the task of the address with its log and subtasks; null when the user may not see it or it does not exist.</summary>
    internal static async Task<TaskDetailModel?> LoadAsync(HttpContext http, ConsoleContext ctx)
    {
        var (task, _) = await TaskAccess.LoadAsync(http);
        if (task is null) return null;
        var store = http.RequestServices.GetRequiredService<ITaskStore>();
        var logs = await http.RequestServices.GetRequiredService<TaskLogs>().GetAsync(task.Id, 0, 2000, http.RequestAborted);
        IReadOnlyList<TaskRow> subtasks = [];
        IReadOnlyDictionary<long, IReadOnlyList<long>> dependencies = new Dictionary<long, IReadOnlyList<long>>();
        if (ctx.Can(Permissions.SubtaskView))
        {
            subtasks = [.. (await store.ListTasksAsync(new TaskQuery { ParentId = task.Id, PageSize = 10_000 }, http.RequestAborted)).Items.OrderBy(s => s.Id)];
            if (subtasks.Count > 0) dependencies = await store.GetDependenciesAsync([.. subtasks.Select(s => s.Id)], http.RequestAborted);
        }
        return new TaskDetailModel(task, logs, subtasks, dependencies);
    }
}
