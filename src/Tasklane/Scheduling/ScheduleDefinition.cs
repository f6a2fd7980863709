namespace Tasklane;

/// <summary>A schedule declared in code: which worker action fires, when, with what data. Its enabled state and later edits live in the store.</summary>
public sealed record ScheduleDefinition
{
    /// <summary>A stable id; a worker's own schedule (edited on its settings page) uses the worker identifier.</summary>
    public required string Id { get; init; }
    /// <summary>A human name.</summary>
    public required string Name { get; init; }
    /// <summary>The worker.</summary>
    public required string Worker { get; init; }
    /// <summary>The action.</summary>
    public required string Action { get; init; }
    /// <summary>When it fires.</summary>
    public required ScheduleSpec Spec { get; init; }
    /// <summary>Whether it starts enabled (only the first time; the stored state wins afterwards).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Builds the task data of each firing (default <c>{}</c>).</summary>
    public Func<object?>? Payload { get; init; }
}
