using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Tasklane.AspNetCore;

/// <summary>One API route as its endpoint declares it: method, contract path, permission, query parameters and body.</summary>
internal sealed record ApiOperation(string Method, string Path, string? Permission, IReadOnlyList<ApiQueryParameter> Query, Type? Body);

/// <summary>
/// The API routes (<c>/api/...</c> and <c>/healthz</c>) read from the endpoints a host mapped: what the OpenAPI document,
/// the query-parameter filter and the tests learn from the endpoint metadata, in one place.
/// </summary>
internal static class ApiRoutes
{
    /// <summary>Every API route of <paramref name="endpoints"/>, one per method.</summary>
    public static IReadOnlyList<ApiOperation> From(EndpointDataSource endpoints) =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => IsApi(e.RoutePattern.RawText))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Describe(m, e))),
    ];

    /// <summary>True for the API's routes (below any prefix), not the console's pages and assets.</summary>
    public static bool IsApi(string? routePattern)
    {
        var path = PathBelowPrefix(routePattern);
        return path.StartsWith("/api/", StringComparison.Ordinal) || path == "/healthz";
    }

    /// <summary>The query parameters a route declares (none when it declares none).</summary>
    public static IReadOnlyList<ApiQueryParameter> Query(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<ApiQueryMetadata>()?.Parameters ?? [];

    /// <summary>
    /// The permission the route's Tasklane policy requires (<c>tasklane:task:view</c> → <c>task:view</c>), or null for a
    /// route open to any signed-in user or to anyone.
    /// </summary>
    public static string? Permission(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Select(a => a.Policy)
            .FirstOrDefault(p => p is not null && p.StartsWith(TasklanePolicies.Prefix, StringComparison.Ordinal) && p != TasklanePolicies.Authenticated)
            is { } policy ? policy[TasklanePolicies.Prefix.Length..] : null;

    /// <summary>True when the route needs a signed-in caller (a Tasklane policy, and no <c>AllowAnonymous</c>).</summary>
    public static bool Secured(IEnumerable<object> metadata)
    {
        var list = metadata as IReadOnlyCollection<object> ?? [.. metadata];
        return !list.OfType<IAllowAnonymous>().Any()
            && list.OfType<IAuthorizeData>().Any(a => a.Policy?.StartsWith(TasklanePolicies.Prefix, StringComparison.Ordinal) == true);
    }

    /// <summary>The route below whatever prefix the host mapped: <c>tasklane/api/tasks</c> → <c>/api/tasks</c>.</summary>
    public static string PathBelowPrefix(string? relativePath)
    {
        var path = "/" + (relativePath ?? "").Trim('/');
        var api = path.IndexOf("/api/", StringComparison.Ordinal);
        if (api >= 0) return path[api..];
        return path.EndsWith("/healthz", StringComparison.Ordinal) ? "/healthz" : path;
    }

    private static ApiOperation Describe(string method, RouteEndpoint endpoint) => new(
        method, PathBelowPrefix(endpoint.RoutePattern.RawText), Permission(endpoint.Metadata), Query(endpoint.Metadata),
        endpoint.Metadata.GetMetadata<ApiBodyMetadata>()?.Type);
}
