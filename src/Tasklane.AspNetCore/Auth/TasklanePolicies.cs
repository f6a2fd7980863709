using Microsoft.AspNetCore.Builder;

namespace Tasklane;

/// <summary>
/// Tasklane's authorization policy names: <c>tasklane:</c> and a permission (<c>tasklane:task:list</c>), so they never
/// meet the host's own policies (a host policy named <c>task:list</c> stays the host's).
/// </summary>
public static class TasklanePolicies
{
    /// <summary>The prefix of every policy Tasklane registers.</summary>
    public const string Prefix = "tasklane:";

    /// <summary>Any signed-in Tasklane principal.</summary>
    public const string Authenticated = Prefix + "authenticated";

    /// <summary>The policy that requires <paramref name="permission"/>, e.g. <c>tasklane:task:list</c>.</summary>
    public static string For(string permission) => Prefix + permission;

    /// <summary>Requires the Tasklane policy of <paramref name="permission"/> on the endpoint.</summary>
    internal static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(permission));
}
