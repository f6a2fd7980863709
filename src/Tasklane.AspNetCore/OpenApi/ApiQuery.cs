using Microsoft.AspNetCore.Builder;

namespace Tasklane.AspNetCore;

/// <summary>A query parameter a route reads: its name, JSON type (<c>string</c>, <c>integer</c>) and meaning.</summary>
internal sealed record ApiQueryParameter(string Name, string Type, string Description);

/// <summary>
/// Endpoint metadata: the query parameters the route's handler reads (the handlers read them themselves, to answer a bad
/// value with a 400 naming it). The OpenAPI document lists them, and <see cref="QueryParameterFilter"/> refuses any other
/// with a 400. An API route without it takes no query parameters.
/// </summary>
internal sealed class ApiQueryMetadata(IReadOnlyList<ApiQueryParameter> parameters)
{
    public IReadOnlyList<ApiQueryParameter> Parameters { get; } = parameters;
}

/// <summary>The query parameters of the API routes, declared on the endpoints with <see cref="WithQuery{TBuilder}"/>.</summary>
internal static class ApiQuery
{
    private static readonly string[] Paging = ["current", "page_size", "after_id"];

    /// <summary>The task list's parameters (<c>GET /api/tasks</c>, <c>/api/failed-tasks</c>).</summary>
    public static ApiQueryParameter[] TaskFilters { get; } =
    [
        new("current", "integer", "Page, from 1"),
        new("page_size", "integer", "Items per page (at most 200)"),
        new("after_id", "integer", "Keyset cursor: the page after this task id (the next_after_id of the previous page); current is then ignored"),
        new("search", "string", "Id, worker, action, message, data, or the error of a failed task"),
        new("status", "string", "pending | running | completed | failed | cancelled"),
        new("user", "string", "Part of the creator's username"),
        new("worker", "string", "Worker identifier"),
        new("action", "string", "Action name"),
        new("queue", "string", "Queue name"),
        new("id", "integer", "Task id"),
        new("from", "string", "Created at or after (ISO 8601)"),
        new("to", "string", "Created at or before (ISO 8601)"),
        new("object_type", "string", "Linked object's type"),
        new("object_id", "string", "Linked object's id"),
        new("category", "string", "user | system"),
        // Task data (tags, links, run history).
        new("tag", "string", "A tag; several tag= mean all of them"),
        new("schedule_id", "string", "The schedule that fired the tasks (its run history)"),
    ];

    /// <summary>The list's filters (its parameters but paging): what a bulk call's <c>filter</c> may hold.</summary>
    public static IReadOnlySet<string> TaskFilterNames { get; } =
        TaskFilters.Select(f => f.Name).Except(Paging).ToHashSet(StringComparer.Ordinal);

    /// <summary>Declares the query parameters the route's handler reads.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, params ApiQueryParameter[] parameters) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiQueryMetadata(parameters));
}
