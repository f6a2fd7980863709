namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>One bucket of the time series in <c>GET /api/stats</c>.</summary>
public sealed record StatsPointDto(DateTimeOffset Start, long Created, long Completed, long Failed);
