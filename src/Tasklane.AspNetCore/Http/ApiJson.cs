using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore;

/// <summary>The API's JSON: snake_case, enums as lower-case strings, UTC times, unknown request members refused.</summary>
internal static class ApiJson
{
    /// <summary>The media type of the API's answers, as the endpoints declare it.</summary>
    public const string MediaType = "application/json";

    /// <summary>The <c>Content-Type</c> of the API's answers.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Writes <paramref name="value"/> (as its runtime type) with <see cref="Options"/> and <paramref name="status"/>.</summary>
    public static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, value?.GetType() ?? typeof(T), Options, ContentType, context.RequestAborted);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(TasklaneJson.Options);
        options.Converters.Insert(0, new UtcDateTimeOffsetConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
