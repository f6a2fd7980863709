namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/tasks/cleanup</c>.</summary>
internal sealed record CleanupRequest
{
    public int? OlderThanDays { get; init; }
}
