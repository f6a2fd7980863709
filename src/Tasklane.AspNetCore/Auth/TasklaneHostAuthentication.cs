using System.Security.Claims;

namespace Tasklane;

/// <summary>
/// How the host's signed-in users map to Tasklane permissions, for <see cref="TasklaneHttpOptions.UseHostAuthentication"/>:
/// by the host's roles (<see cref="MapRole"/>), by its claims (<see cref="MapClaim"/>) or by any rule
/// (<see cref="Map"/>). A user gets the union of every rule that matches; a user no rule matches is signed in
/// with no permission (403 on every route that needs one).
/// </summary>
public sealed class TasklaneHostAuthentication
{
    private readonly List<Func<ClaimsPrincipal, IEnumerable<string>>> _rules = [];

    /// <summary>The host's authentication scheme to read the user from; null (the default) uses the host's default scheme.</summary>
    public string? Scheme { get; set; }

    /// <summary>The claim that holds the host's user id; default <see cref="ClaimTypes.NameIdentifier"/>.</summary>
    public string UserIdClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>Grants a host role the permissions of a built-in Tasklane role (<see cref="Permissions.AdminRole"/>, …).</summary>
    public TasklaneHostAuthentication MapRole(string hostRole, string tasklaneRole)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostRole);
        if (!Permissions.Roles.TryGetValue(tasklaneRole, out var permissions))
        {
            throw new ArgumentException($"'{tasklaneRole}' is not a Tasklane role ({string.Join(", ", Permissions.Roles.Keys)}).", nameof(tasklaneRole));
        }
        return Map(user => user.IsInRole(hostRole) ? permissions : []);
    }

    /// <summary>Grants <paramref name="permissions"/> to host users that carry the claim <paramref name="type"/> = <paramref name="value"/>.</summary>
    public TasklaneHostAuthentication MapClaim(string type, string value, params string[] permissions)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(permissions);
        Check(permissions);
        return Map(user => user.HasClaim(type, value) ? permissions : []);
    }

    /// <summary>Grants the permissions a rule returns for the host's user (unknown permission strings are ignored).</summary>
    public TasklaneHostAuthentication Map(Func<ClaimsPrincipal, IEnumerable<string>> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        _rules.Add(permissions);
        return this;
    }

    /// <summary>The Tasklane permissions of a host user, in contract order.</summary>
    internal IReadOnlyList<string> PermissionsOf(ClaimsPrincipal user)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _rules) granted.UnionWith(rule(user));
        return [.. Permissions.All.Where(granted.Contains)];
    }

    private static void Check(IEnumerable<string> permissions)
    {
        foreach (var permission in permissions)
        {
            if (!Permissions.All.Contains(permission, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{permission}' is not a Tasklane permission.", nameof(permissions));
            }
        }
    }
}
