namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/workers/clean-orphaned</c>: how many workers without a class were removed.</summary>
internal sealed record CleanOrphanedDto(int Deleted);
