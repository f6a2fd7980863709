using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore;

/// <summary>
/// A schedule of <c>GET /api/task-schedules</c>: <c>spec</c> is the spec object, <c>description</c> says it in words.
/// <c>last_task_id</c> names a task of any user, so it is null for a caller without <c>task:view_all</c> (docs/security.md).
/// </summary>
internal sealed record ScheduleDto(
    string Id, string Name, string Worker, string Action, ScheduleKind Kind, JsonNode? Spec, string Description, bool Enabled,
    DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt, long? LastTaskId)
{
    public static ScheduleDto From(ScheduleView view, bool viewAll) => new(
        view.Schedule.Id, view.Schedule.Name, view.Schedule.Worker, view.Schedule.Action, view.Spec.Kind,
        JsonSerializer.SerializeToNode(view.Spec, TasklaneJson.Options), view.Description, view.Schedule.Enabled,
        view.Schedule.NextRunAt, view.Schedule.LastRunAt, viewAll ? view.Schedule.LastTaskId : null);
}
