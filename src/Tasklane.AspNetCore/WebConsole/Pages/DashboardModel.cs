namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the dashboard shows.</summary>
/// <param name="Counts">Tasks by status, as the user may see them.</param>
/// <param name="Recent">The 10 most recent tasks.</param>
/// <param name="Active">The 10 most recent active (running or pending) tasks.</param>
/// <param name="ActiveQueues">Queues with pending or running tasks.</param>
/// <param name="AliveNodes">Nodes with a recent heartbeat.</param>
/// <param name="Scopes">Each registered worker's scope (module or package), shown next to the worker.</param>
/// <param name="StrandedWorkers">Active workers with a due task that no alive node runs.</param>
/// <param name="PausedQueues">Paused queues that hold pending tasks.</param>
public sealed record DashboardModel(
    IReadOnlyDictionary<TaskState, long> Counts,
    IReadOnlyList<TaskRow> Recent,
    IReadOnlyList<TaskRow> Active,
    int ActiveQueues,
    int AliveNodes,
    IReadOnlyDictionary<string, string?> Scopes,
    IReadOnlyList<string> StrandedWorkers,
    IReadOnlyList<string> PausedQueues);
