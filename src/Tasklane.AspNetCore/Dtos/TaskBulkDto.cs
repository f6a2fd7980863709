namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/tasks/bulk</c>.</summary>
/// <param name="Matched">The distinct ids given, or the tasks the filter matched.</param>
/// <param name="Changed">The tasks the action changed.</param>
/// <param name="Skipped">The rest: in a state the action does not apply to, or (by id) missing or not the caller's to see.</param>
internal sealed record TaskBulkDto(long Matched, long Changed, long Skipped);
