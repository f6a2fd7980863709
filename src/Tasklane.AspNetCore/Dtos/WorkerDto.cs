namespace Tasklane.AspNetCore;

/// <summary>
/// A worker of <c>GET /api/workers</c>. <c>task_count</c> counts every user's tasks, so it is null for a caller
/// without <c>task:view_all</c> (docs/security.md).
/// </summary>
internal sealed record WorkerDto(
    string Identifier, string Title, string? Scope, string? Description, string? Icon, IReadOnlyList<string> Actions,
    bool Active, long? TaskCount, IReadOnlyList<string> Nodes, bool Orphaned)
{
    public static WorkerDto From(WorkerInfo info, bool viewAll) => new(
        info.Worker.Identifier, info.Worker.Title, info.Worker.Scope, info.Worker.Description, info.Worker.Icon,
        info.Worker.Actions, info.Worker.Active, viewAll ? info.Worker.TaskCount : null, info.Nodes, info.Orphaned);
}
