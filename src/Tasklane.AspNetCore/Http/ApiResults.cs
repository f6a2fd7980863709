using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>The API's successful answers, as <c>TypedResults</c> makes the framework's (problems: <see cref="Problems"/>).</summary>
internal static class ApiResults
{
    /// <summary>200 with <paramref name="value"/>.</summary>
    public static ApiOk<T> Ok<T>(T value) => new(value);

    /// <summary>201 with <paramref name="value"/> and no <c>Location</c> (what was created has no one URL).</summary>
    public static ApiCreated<T> Created<T>(T value) => new(null, value);

    /// <summary>201 with <paramref name="value"/> and <c>Location</c> = <paramref name="location"/>.</summary>
    public static ApiCreated<T> Created<T>(string location, T value) => new(location, value);

    /// <summary>201 with <c>Location</c> = the request path (the collection) + <c>/{id}</c>.</summary>
    public static ApiCreated<T> Created<T>(HttpContext context, long id, T value)
    {
        var collection = (context.Request.PathBase + context.Request.Path).Value?.TrimEnd('/');
        return new(collection + "/" + id.ToString(CultureInfo.InvariantCulture), value);
    }

    /// <summary>202 with <paramref name="value"/>.</summary>
    public static ApiAccepted<T> Accepted<T>(T value) => new(value);
}
