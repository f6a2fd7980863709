using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the workers page shows.</summary>
/// <param name="Workers">Every known worker with the nodes that run it.</param>
public sealed record WorkersModel(IReadOnlyList<WorkerInfo> Workers)
{
    internal static async Task<WorkersModel> LoadAsync(HttpContext http) =>
        new(await http.RequestServices.GetRequiredService<WorkerCatalog>().ListAsync(http.RequestAborted));
}
