using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore;

/// <summary>
/// The task object of the API. <c>attempt</c> counts every run of the task; <c>max_attempts</c> is the budget of one
/// round (a manual retry starts a new round); <c>round_attempt</c> is the attempt within the current round, so
/// "attempt 4, 2 of 2 this round" reads at once where <c>attempt</c>/<c>max_attempts</c> read "4/2".
/// </summary>
internal record TaskDto(
    long Id,
    string Worker,
    string Action,
    string Queue,
    TaskPriority Priority,
    TaskState Status,
    double Progress,
    string? Message,
    long? Processed,
    long? Total,
    double? EtaSeconds,
    int Attempt,
    int MaxAttempts,
    int RoundAttempt,
    DateTimeOffset RunAt,
    CreatorDto? CreatedBy,
    TaskCategory Category,
    string? IpAddress,
    string? ScheduleId,
    long? ParentId,
    string? ObjectType,
    string? ObjectId,
    string? IdempotencyKey,
    IReadOnlyList<string> Tags,
    IReadOnlyList<TaskLink> Links,
    long? ClonedFrom,
    string? Error,
    ArtifactDto? Artifact,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? EndedAt,
    bool CancelRequested,
    string? ConcurrencyKey,
    int ConcurrencyLimit)
{
    public static TaskDto From(TaskRow t) => new(
        t.Id, t.Worker, t.Action, t.Queue, t.Priority, t.Status, t.Progress, t.Message, t.Processed, t.Total,
        t.EtaSeconds, t.Attempt, t.MaxAttempts, t.Attempt - t.AttemptBase, t.RunAt,
        t.CreatedById is { } id ? new CreatorDto(id, t.CreatedByName ?? "") : null,
        t.Category, t.IpAddress, t.ScheduleId, t.ParentId, t.ObjectType, t.ObjectId, t.IdempotencyKey, t.Tags, t.Links, t.ClonedFrom, t.Error,
        t.Artifact is { } a ? new ArtifactDto(a.FileKey, a.Name, a.Size) : null,
        t.CreatedAt, t.StartedAt, t.UpdatedAt, t.EndedAt, t.CancelRequested, t.ConcurrencyKey, t.ConcurrencyLimit);

    /// <summary>The detail: the task object with <c>data</c> (as JSON), <c>subtask_counts</c> and <c>stack_trace</c> (the last failure's full exception text).</summary>
    public static TaskDetailDto Detail(TaskRow t, IReadOnlyDictionary<TaskState, long>? subtasks = null)
    {
        var counts = new Dictionary<string, long> { ["total"] = subtasks?.Values.Sum() ?? 0 };
        foreach (var state in Enum.GetValues<TaskState>())
        {
            counts[JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString())] = subtasks?.GetValueOrDefault(state) ?? 0;
        }
        return new TaskDetailDto(From(t), ParseData(t.Data), counts, t.Name, t.AwaitingSubtasks, t.StackTrace);
    }

    /// <summary>A failed task: the task object with <c>stack_trace</c> and the store's driver name.</summary>
    public static FailedTaskDto Failed(TaskRow t, string store) => new(From(t), t.StackTrace, store);

    public static JsonNode? ParseData(string data)
    {
        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return JsonValue.Create(data);
        }
    }
}
