namespace Tasklane;

/// <summary>A console and API user.</summary>
public sealed record UserRow
{
    /// <summary>The user's id.</summary>
    public long Id { get; init; }
    /// <summary>The unique sign-in name.</summary>
    public required string Username { get; init; }
    /// <summary>The password hash (never returned by the API).</summary>
    public required string PasswordHash { get; init; }
    /// <summary>The role name: <c>admin</c>, <c>operator</c>, <c>viewer</c> or a custom role.</summary>
    public required string Role { get; init; }
    /// <summary>Permissions granted to this user on top of its role's.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];
    /// <summary>The permissions of <see cref="Role"/> when it is a custom role, as the store read them with the user; null for a built-in or unknown role.</summary>
    public IReadOnlyList<string>? RolePermissions { get; init; }
    /// <summary>A disabled user cannot sign in and its tokens stop working.</summary>
    public bool Disabled { get; init; }
    /// <summary>When the user was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the user last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True when the user, enabled, holds <paramref name="permission"/> through a role in <paramref name="grantingRoles"/>, its custom role or its extra permissions.</summary>
    public bool Holds(string? permission, IReadOnlyList<string> grantingRoles) =>
        !Disabled && (grantingRoles.Contains(Role, StringComparer.Ordinal)
            || (permission is not null && (Permissions.Contains(permission, StringComparer.Ordinal)
                || RolePermissions?.Contains(permission, StringComparer.Ordinal) == true)));

    /// <summary>Equal when every field is, the permission lists compared in order.</summary>
    public bool Equals(UserRow? other) =>
        other is not null && Id == other.Id && Username == other.Username && PasswordHash == other.PasswordHash && Role == other.Role
        && Permissions.SequenceEqual(other.Permissions)
        && (RolePermissions is null ? other.RolePermissions is null : other.RolePermissions is not null && RolePermissions.SequenceEqual(other.RolePermissions))
        && Disabled == other.Disabled && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Username, Role, Disabled, CreatedAt, UpdatedAt);
}
