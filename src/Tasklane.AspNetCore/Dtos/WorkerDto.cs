namespace Tasklane.AspNetCore;

/// <summary>A worker of <c>GET /api/workers</c>.</summary>
internal sealed record WorkerDto(
    string Identifier, string Title, string? Scope, string? Description, string? Icon, IReadOnlyList<string> Actions,
    bool Active, long TaskCount, IReadOnlyList<string> Nodes, bool Orphaned)
{
    public static WorkerDto From(WorkerInfo info) => new(
        info.Worker.Identifier, info.Worker.Title, info.Worker.Scope, info.Worker.Description, info.Worker.Icon,
        info.Worker.Actions, info.Worker.Active, info.Worker.TaskCount, info.Nodes, info.Orphaned);
}
