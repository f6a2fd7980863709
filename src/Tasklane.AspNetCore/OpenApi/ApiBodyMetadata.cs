using Microsoft.AspNetCore.Builder;

namespace Tasklane.AspNetCore;

/// <summary>
/// Endpoint metadata: the JSON body the route's handler reads (through <see cref="RequestBody"/>, which answers bad
/// JSON with a 400 naming the field). Not <c>Accepts&lt;T&gt;</c>: that one also makes routing refuse other content types
/// with a bare 415, where the API answers problem+json.
/// </summary>
internal sealed class ApiBodyMetadata(Type type)
{
    public Type Type { get; } = type;
}

/// <summary>Declares the body of an API route on its endpoint.</summary>
internal static class ApiBody
{
    public static RouteHandlerBuilder WithBody<TBody>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ApiBodyMetadata(typeof(TBody)));
}
