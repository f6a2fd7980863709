using System.Text.Json;

namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/tasks/bulk</c>: an action and either ids or a filter.</summary>
internal sealed record TaskBulkRequest
{
    /// <summary><c>retry</c>, <c>cancel</c>, <c>delete</c> or <c>execute</c>.</summary>
    public string? Action { get; init; }

    /// <summary>The tasks by id (1 to 10,000).</summary>
    public List<long>? Ids { get; init; }

    /// <summary>The task list's query parameters (paging ignored): every task the caller can see that matches.</summary>
    public Dictionary<string, JsonElement>? Filter { get; init; }
}
