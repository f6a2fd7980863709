using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the Run again form shows: the source task and its values to edit.</summary>
/// <param name="Task">The task to run again.</param>
/// <param name="Data">The JSON in the editor: the task's data, formatted.</param>
/// <param name="Queue">The queue field's value.</param>
/// <param name="Priority">The priority field's value (low, normal, high, critical).</param>
public sealed record RunAgainModel(TaskRow Task, string Data, string Queue, string Priority)
{
    /// <summary>Reads the task of the address; null when the user may not see it or it does not exist.</summary>
    internal static async Task<RunAgainModel?> LoadAsync(HttpContext http, ConsoleContext ctx)
    {
        var (task, _) = ctx.Can(Permissions.TaskView) ? await TaskAccess.LoadAsync(http) : (null, null);
        if (task is null) return null;
        return new RunAgainModel(task, ConsoleFormat.Json(task.Data), task.Queue, task.Priority.ToString().ToLowerInvariant());
    }
}
