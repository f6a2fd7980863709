namespace Tasklane;

/// <summary>One bucket of the statistics time series: tasks created in it, and how many of those completed or failed.</summary>
/// <param name="Start">The bucket's start (<see cref="StatsParams.From"/> + n × <see cref="StatsParams.Bucket"/>).</param>
/// <param name="Created">Tasks created in the bucket.</param>
/// <param name="Completed">Of those, completed.</param>
/// <param name="Failed">Of those, failed.</param>
public sealed record StatsBucket(DateTimeOffset Start, long Created, long Completed, long Failed);
