namespace Tasklane.AspNetCore;

// Public only because the console's Razor components (always public) take it as a parameter;
// its members are documented by the HTTP API contract (docs/http-api.md).
#pragma warning disable CS1591

/// <summary>
/// One queue in <c>GET /api/queues</c>: its counts (subtasks included, and how many of them are subtasks), its
/// concurrency over alive nodes, those nodes, and its control (paused, global concurrency, rate per second; docs/queues.md).
/// </summary>
public sealed record QueueDto(string Name, long Pending, long Running, long Failed, int Concurrency, IReadOnlyList<string> Nodes, QueueSubtasksDto Subtasks,
    bool Paused = false, int? GlobalConcurrency = null, double? RatePerSecond = null);
