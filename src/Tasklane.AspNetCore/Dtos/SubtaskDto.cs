namespace Tasklane.AspNetCore;

/// <summary>A subtask of <c>/api/tasks/:id/subtasks</c> and <c>/api/subtasks/:id</c>; <c>job_id</c> is the id of the task that executes it.</summary>
internal sealed record SubtaskDto(
    long Id, long TaskId, string? Name, string Worker, string Action, TaskState Status, double Progress, int Attempt,
    IReadOnlyList<long> DependsOn, string? ObjectType, string? ObjectId, string JobId, int? ResponseCode, string? ResponseMessage,
    string? Error, CreatorDto? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt)
{
    public static SubtaskDto From(TaskRow t, IReadOnlyList<long> dependsOn) => new(
        t.Id, t.ParentId ?? 0, t.Name, t.Worker, t.Action, t.Status, t.Progress, t.Attempt, dependsOn, t.ObjectType, t.ObjectId,
        t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.ResponseCode, t.ResponseMessage, t.Error,
        t.CreatedById is { } id ? new CreatorDto(id, t.CreatedByName ?? "") : null,
        t.CreatedAt, t.StartedAt, t.UpdatedAt, t.EndedAt);
}
