using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tasklane.AspNetCore;

/// <summary>
/// A <c>201</c> answer of <typeparamref name="T"/> with its <c>Location</c> (when it has one URL), written with the API's JSON
/// (<see cref="ApiJson"/>) whatever the host's; declares its status and type on the endpoint (see <see cref="ApiOk{T}"/>).
/// </summary>
internal sealed class ApiCreated<T>(string? location, T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult, IContentTypeHttpResult
{
    /// <summary>The URL of what was created (the <c>Location</c> header), or null for none (a batch).</summary>
    public string? Location { get; } = location;

    /// <summary>The answer's body.</summary>
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    /// <summary>Always <c>201</c>.</summary>
    public int StatusCode => StatusCodes.Status201Created;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public string ContentType => ApiJson.ContentType;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (Location is not null) httpContext.Response.Headers.Location = Location;
        return ApiJson.WriteAsync(httpContext, StatusCode, Value);
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), [ApiJson.MediaType]));
}
