namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>The answer of <c>GET /api/stats</c>.</summary>
public sealed record StatsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    int BucketSeconds,
    IReadOnlyDictionary<string, long> Counts,
    long Total,
    double SuccessRate,
    double FailureRate,
    double? AvgDurationMs,
    IReadOnlyList<StatsWorkerDto> Workers,
    IReadOnlyList<StatsPointDto> Series,
    StatsSubtasksDto Subtasks);
