namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/workers/discover</c>: how many worker classes were registered.</summary>
internal sealed record DiscoverDto(int Registered);
