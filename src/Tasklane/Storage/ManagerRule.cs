namespace Tasklane.Storage;

/// <summary>
/// Who can manage users: a user that holds one of <see cref="Roles"/>, or <see cref="Permission"/> through its custom
/// role or its extra permissions, and is enabled. A change to users or roles is refused when, before it, some user
/// could and, after it, none could.
/// </summary>
/// <param name="Roles">The built-in roles that grant the permission.</param>
/// <param name="Permission">The permission itself, or null to look at roles only.</param>
internal sealed record ManagerRule(IReadOnlyList<string> Roles, string? Permission)
{
    /// <summary>True when the rule names nothing to keep: no change is refused.</summary>
    public bool IsNone => Roles.Count == 0 && Permission is null;

    /// <summary>True when <paramref name="user"/> can manage users.</summary>
    public bool Holds(UserRow user) => user.Holds(Permission, Roles);
}
