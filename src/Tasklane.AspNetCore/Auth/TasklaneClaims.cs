using System.Globalization;
using System.Security.Claims;

namespace Tasklane.AspNetCore;

/// <summary>Claim types of a Tasklane principal and helpers to read them.</summary>
internal static class TasklaneClaims
{
    public const string Scheme = "Tasklane";
    public const string AuthenticatedPolicy = TasklanePolicies.Authenticated;
    public const string Permission = "tasklane:permission";
    public const string Via = "tasklane:via";
    public const string TokenHash = "tasklane:token_hash";
    public const string ViaCookie = "cookie";
    public const string ViaBearer = "bearer";
    public const string SessionCookie = "tasklane_session";
    public const string HostUserId = "tasklane:host_user_id";

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

    /// <summary>
    /// A Tasklane principal for a user the host signed in: the host's user id and name, the permissions the map grants,
    /// and as id the key the user's tasks carry (<see cref="HostUserKey"/>).
    /// </summary>
    public static ClaimsPrincipal CreateForHost(ClaimsPrincipal hostUser, string hostUserId, IReadOnlyList<string> permissions, string via)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, HostUserKey(hostUserId).ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, hostUser.Identity?.Name ?? hostUserId),
            new(HostUserId, hostUserId),
            new(Via, via),
        };
        claims.AddRange(permissions.Select(p => new Claim(Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// The created_by_id of a host user's tasks: a negative number from the SHA-256 of the host's user id, so it never
    /// meets a Tasklane user's id (positive) nor the store's "no creator" key, and is the same on every node and start.
    /// </summary>
    public static long HostUserKey(string hostUserId)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hostUserId), hash);
        return -(long)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) >> 2) - 1;
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
