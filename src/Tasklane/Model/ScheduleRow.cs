namespace Tasklane;

/// <summary>A schedule as the store holds it: what it fires, when, and what it fired last.</summary>
public sealed record ScheduleRow
{
    /// <summary>The schedule's id (from code, or the worker identifier for a worker's own schedule).</summary>
    public required string Id { get; init; }
    /// <summary>A human name.</summary>
    public required string Name { get; init; }
    /// <summary>The worker it fires.</summary>
    public required string Worker { get; init; }
    /// <summary>The action it fires.</summary>
    public required string Action { get; init; }
    /// <summary>The task data of each firing (JSON).</summary>
    public string Data { get; init; } = "{}";
    /// <summary>The spec, JSON of <see cref="ScheduleSpec"/>.</summary>
    public required string Spec { get; init; }
    /// <summary>Disabled schedules never fire by themselves.</summary>
    public bool Enabled { get; init; }
    /// <summary>The next firing (UTC), or null when there is none.</summary>
    public DateTimeOffset? NextRunAt { get; init; }
    /// <summary>The last firing.</summary>
    public DateTimeOffset? LastRunAt { get; init; }
    /// <summary>The task the last firing created.</summary>
    public long? LastTaskId { get; init; }
    /// <summary>When last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
