namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>The subtasks among a queue's counts in <c>GET /api/queues</c> (docs/subtasks.md, "How they are counted").</summary>
public sealed record QueueSubtasksDto(long Pending, long Running, long Failed);
