using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore;

/// <summary>A schedule of <c>GET /api/task-schedules</c>: <c>spec</c> is the spec object, <c>description</c> says it in words.</summary>
internal sealed record ScheduleDto(
    string Id, string Name, string Worker, string Action, ScheduleKind Kind, JsonNode? Spec, string Description, bool Enabled,
    DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt, long? LastTaskId)
{
    public static ScheduleDto From(ScheduleView view) => new(
        view.Schedule.Id, view.Schedule.Name, view.Schedule.Worker, view.Schedule.Action, view.Spec.Kind,
        JsonSerializer.SerializeToNode(view.Spec, TasklaneJson.Options), view.Description, view.Schedule.Enabled,
        view.Schedule.NextRunAt, view.Schedule.LastRunAt, view.Schedule.LastTaskId);
}
