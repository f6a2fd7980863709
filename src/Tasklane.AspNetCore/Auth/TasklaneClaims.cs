using System.Globalization;
using System.Security.Claims;

namespace Tasklane.AspNetCore;

/// <summary>Claim types of a Tasklane principal and helpers to read them.</summary>
internal static class TasklaneClaims
{
    public const string Scheme = "Tasklane";
    public const string AuthenticatedPolicy = "tasklane:authenticated";
    public const string Permission = "tasklane:permission";
    public const string Via = "tasklane:via";
    public const string TokenHash = "tasklane:token_hash";
    public const string ViaCookie = "cookie";
    public const string ViaBearer = "bearer";
    public const string SessionCookie = "tasklane_session";

    public static ClaimsPrincipal Create(UserRow user, string via, string tokenHash)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, user.Role),
            new(Via, via),
            new(TokenHash, tokenHash),
        };
        claims.AddRange(Permissions.Effective(user).Select(p => new Claim(Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool Has(this ClaimsPrincipal user, string permission) => user.HasClaim(Permission, permission);

    /// <summary>Null when the user sees every task; else the user's id.</summary>
    public static long? VisibleTo(this ClaimsPrincipal user) =>
        user.Has(Permissions.TaskViewAll) ? null : user.UserId() ?? -1;

    public static bool CanSee(this ClaimsPrincipal user, TaskRow task) =>
        user.VisibleTo() is not { } id || task.CreatedById == id;
}
