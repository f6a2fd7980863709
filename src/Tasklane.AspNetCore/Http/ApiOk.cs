using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tasklane.AspNetCore;

/// <summary>
/// A <c>200</c> answer of <typeparamref name="T"/>, written with the API's JSON (<see cref="ApiJson"/>) whatever JSON
/// options the host set (<c>TypedResults.Ok</c> writes with the host's). It declares its status and type on the
/// endpoint, so the OpenAPI document describes the answer from the handler's return type.
/// </summary>
internal sealed class ApiOk<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult, IContentTypeHttpResult
{
    /// <summary>The answer's body.</summary>
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    /// <summary>Always <c>200</c>.</summary>
    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public string ContentType => ApiJson.ContentType;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => ApiJson.WriteAsync(httpContext, StatusCode, Value);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), [ApiJson.MediaType]));
}
