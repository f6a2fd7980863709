using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the task list shows.</summary>
/// <param name="Query">The filters and page, as read from the address (the defaults when it was invalid).</param>
/// <param name="Page">The page of tasks.</param>
/// <param name="Invalid">True when the address held an invalid filter.</param>
/// <param name="Targets">The worker and action pairs the new-task form offers (none without task:create).</param>
public sealed record TasksModel(TaskQuery Query, TaskPage Page, bool Invalid, IReadOnlyList<(string Worker, string Action)> Targets)
{
    /// <summary>Reads the list the address asks for, as the signed-in user may see it.</summary>
    internal static async Task<TasksModel> LoadAsync(HttpContext http)
    {
        var (query, error) = TaskEndpoints.ReadQuery(http);
        query ??= new TaskQuery { VisibleTo = http.User.VisibleTo() };
        var page = await http.RequestServices.GetRequiredService<ITaskStore>().ListTasksAsync(query, http.RequestAborted);
        IReadOnlyList<(string, string)> targets = [];
        if (http.User.Has(Permissions.TaskCreate))
        {
            // Inactive workers take no new tasks and subtask-only actions are not created on their own, so the form does not offer them.
            var registry = http.RequestServices.GetRequiredService<WorkerRegistry>();
            var inactive = (await http.RequestServices.GetRequiredService<WorkerCatalog>().ListAsync(http.RequestAborted))
                .Where(w => !w.Worker.Active).Select(w => w.Worker.Identifier).ToHashSet(StringComparer.Ordinal);
            targets = [.. registry.Workers.Where(w => !inactive.Contains(w.Identifier)).OrderBy(w => w.Identifier, StringComparer.Ordinal)
                .SelectMany(w => w.ListedActions.Select(a => (w.Identifier, a)))];
        }
        return new TasksModel(query, page, error is not null, targets);
    }
}
