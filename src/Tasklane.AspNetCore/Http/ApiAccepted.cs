using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tasklane.AspNetCore;

/// <summary>
/// A <c>202</c> answer of <typeparamref name="T"/> (the work is queued), written with the API's JSON
/// (<see cref="ApiJson"/>) whatever the host's; declares its status and type on the endpoint (see <see cref="ApiOk{T}"/>).
/// </summary>
internal sealed class ApiAccepted<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult, IContentTypeHttpResult
{
    /// <summary>The answer's body.</summary>
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    /// <summary>Always <c>202</c>.</summary>
    public int StatusCode => StatusCodes.Status202Accepted;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public string ContentType => ApiJson.ContentType;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => ApiJson.WriteAsync(httpContext, StatusCode, Value);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(T), [ApiJson.MediaType]));
}
