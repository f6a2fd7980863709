using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the queues page shows.</summary>
/// <param name="Queues">Every queue with its counts and configuration.</param>
/// <param name="Nodes">The nodes that share the store.</param>
/// <param name="Error">Why the last queue form was refused, or null.</param>
public sealed record QueuesModel(IReadOnlyList<QueueDto> Queues, IReadOnlyList<NodeDto> Nodes, string? Error)
{
    /// <summary>Reads the queues and nodes; <paramref name="error"/> is the refused form's reason, if any.</summary>
    internal static async Task<QueuesModel> LoadAsync(HttpContext http, string? error = null) =>
        new(await QueueEndpoints.LoadQueuesAsync(http, http.RequestAborted), await QueueEndpoints.LoadNodesAsync(http, http.RequestAborted), error);
}
