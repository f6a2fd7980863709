namespace Tasklane.AspNetCore;

/// <summary>
/// The shape of the <c>PUT /api/queues/:name</c> body for the OpenAPI document; the handler reads the JSON object
/// itself (<see cref="QueueUpdateRequest"/>), since a field left out keeps its value and null clears a limit.
/// </summary>
internal sealed record QueueUpdateBody(bool? Paused, int? GlobalConcurrency, double? RatePerSecond);
