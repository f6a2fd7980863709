namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>The subtasks among the counts of <c>GET /api/stats</c>, by status, and their total (docs/subtasks.md, "How they are counted").</summary>
public sealed record StatsSubtasksDto(IReadOnlyDictionary<string, long> Counts, long Total);
