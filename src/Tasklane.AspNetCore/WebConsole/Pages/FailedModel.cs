using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the failed tasks page shows.</summary>
/// <param name="Query">The filters and page (the status is always failed).</param>
/// <param name="Page">The page of failed tasks.</param>
/// <param name="Driver">The store's driver (sqlite or postgresql).</param>
public sealed record FailedModel(TaskQuery Query, TaskPage Page, string Driver)
{
    /// <summary>Reads the failed tasks the address asks for, as the signed-in user may see them.</summary>
    internal static async Task<FailedModel> LoadAsync(HttpContext http)
    {
        var store = http.RequestServices.GetRequiredService<ITaskStore>();
        var (query, _) = TaskEndpoints.ReadQuery(http);
        query = (query ?? new TaskQuery { VisibleTo = http.User.VisibleTo() }) with { Status = TaskState.Failed };
        return new FailedModel(query, await store.ListTasksAsync(query, http.RequestAborted), store.Name);
    }
}
