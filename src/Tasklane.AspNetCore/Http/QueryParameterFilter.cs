using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Tasklane.AspNetCore;

/// <summary>
/// Answers 400 naming the first query parameter that the API route does not declare on its endpoint
/// (<see cref="ApiQuery.WithQuery{TBuilder}"/>), so a typo (<c>schedule_idd=</c>) is an error rather than a filter
/// silently left out. The endpoint's declaration is the one list of the route's parameters: the OpenAPI document
/// describes them from it, and this filter holds requests to it. Routes outside the API (the console's HTML pages,
/// assets) are left alone. One instance per endpoint.
/// </summary>
internal sealed class QueryParameterFilter : IEndpointFilter
{
    // Resolved on the first request (the endpoint is known only then); a race resolves it twice, to the same set.
    private volatile StrongBox<HashSet<string>?>? _declared;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Query.Count > 0 && Declared(http) is { } declared)
        {
            foreach (var name in http.Request.Query.Keys)
            {
                if (!declared.Contains(name))
                {
                    var allowed = declared.Count == 0 ? "this route takes no query parameters" : "known: " + string.Join(", ", declared.Order(StringComparer.Ordinal));
                    return ValueTask.FromResult<object?>(Problems.BadRequest(name, $"Unknown query parameter '{name}' ({allowed})."));
                }
            }
        }
        return next(context);
    }

    private HashSet<string>? Declared(HttpContext http)
    {
        if (_declared is { } known) return known.Value;
        HashSet<string>? declared = null;
        if (http.GetEndpoint() is RouteEndpoint endpoint && ApiRoutes.IsApi(endpoint.RoutePattern.RawText))
        {
            declared = ApiRoutes.Query(endpoint.Metadata).Select(q => q.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        _declared = new StrongBox<HashSet<string>?>(declared);
        return declared;
    }
}
