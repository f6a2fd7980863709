namespace Tasklane;

/// <summary>Fire one tick of a schedule: insert the firing (unique on schedule and tick) and its task in one transaction.</summary>
public sealed record FireScheduleParams
{
    /// <summary>The schedule.</summary>
    public required string ScheduleId { get; init; }
    /// <summary>The tick being fired; a second firing of the same tick is refused.</summary>
    public DateTimeOffset FireAt { get; init; }
    /// <summary>The schedule's next tick after this one (null: none).</summary>
    public DateTimeOffset? NextRunAt { get; init; }
    /// <summary>True to leave next_run_at as it is (a manual trigger).</summary>
    public bool KeepNextRunAt { get; init; }
    /// <summary>The task to create.</summary>
    public required CreateTaskParams Task { get; init; }
}

/// <summary>Changes to a schedule; null members are kept.</summary>
public sealed record UpdateScheduleParams
{
    /// <summary>The schedule.</summary>
    public required string Id { get; init; }
    /// <summary>Enable or disable.</summary>
    public bool? Enabled { get; init; }
    /// <summary>A new spec (JSON).</summary>
    public string? Spec { get; init; }
    /// <summary>The next tick, recomputed by the caller (always written).</summary>
    public DateTimeOffset? NextRunAt { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
