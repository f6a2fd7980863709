namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/workers/rescan</c>: how many known workers had their metadata refreshed.</summary>
internal sealed record RescanDto(int Updated);
