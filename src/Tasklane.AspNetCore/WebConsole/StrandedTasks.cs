using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// Why due tasks wait that no alive node can run, for the dashboard's warning (console.md, Additions): an active worker
/// that no alive node runs while a task of it is due (the check of the workers health check), or a paused queue that
/// holds pending tasks. "No node at all" has its own warning. Shown only to a user who sees a pending task.
/// </summary>
internal static class StrandedTasks
{
    /// <summary>The workers and the paused queues to name; both empty when nothing is stranded.</summary>
    public static async Task<(IReadOnlyList<string> Workers, IReadOnlyList<string> PausedQueues)> FindAsync(HttpContext http, ITaskStore store,
        IReadOnlyList<QueueDto> queues, IReadOnlyList<NodeDto> nodes, IReadOnlyList<WorkerRow> workers, long visiblePending, DateTimeOffset now)
    {
        if (visiblePending == 0) return ([], []);
        var paused = queues.Where(q => q.Paused && q.Pending > 0).Select(q => q.Name).ToList();
        var alive = nodes.Where(n => n.Alive).ToList();
        if (alive.Count == 0) return ([], paused); // the "no node is alive" warning says it
        var served = alive.SelectMany(n => n.Workers).ToHashSet(StringComparer.Ordinal);
        var stranded = new List<string>();
        // One cheap query per active worker that no alive node runs; none while every worker has a node.
        foreach (var worker in workers)
        {
            if (!worker.Active || served.Contains(worker.Identifier)) continue;
            if (await store.OldestDueAsync(now, worker.Identifier, http.RequestAborted) is not null) stranded.Add(worker.Identifier);
        }
        return (stranded, paused);
    }
}
