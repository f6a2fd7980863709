namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>One worker's row in <c>GET /api/stats</c>.</summary>
public sealed record StatsWorkerDto(string Worker, long Created, long Completed, long Failed, double SuccessRate, double? AvgDurationMs, DateTimeOffset? LastRunAt);
