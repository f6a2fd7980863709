namespace Tasklane;

/// <summary>What <see cref="ITaskStore.GetStatsAsync"/> counts: non-deleted tasks created in [<see cref="From"/>, <see cref="To"/>].</summary>
public sealed record StatsParams
{
    /// <summary>Created at or after.</summary>
    public required DateTimeOffset From { get; init; }
    /// <summary>Created at or before.</summary>
    public required DateTimeOffset To { get; init; }
    /// <summary>The width of one time-series bucket, counted from <see cref="From"/>.</summary>
    public required TimeSpan Bucket { get; init; }
    /// <summary>Visibility: only tasks created by this user (null: every task).</summary>
    public long? VisibleTo { get; init; }
}
