namespace Tasklane;

/// <summary>Changes to a user; null fields are kept. Disabling a user revokes all its tokens in the same transaction.</summary>
public sealed record UpdateUserParams
{
    /// <summary>The user.</summary>
    public long Id { get; init; }
    /// <summary>A new password hash.</summary>
    public string? PasswordHash { get; init; }
    /// <summary>A new role.</summary>
    public string? Role { get; init; }
    /// <summary>New extra permissions (replacing the old ones).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }
    /// <summary>Disable or enable.</summary>
    public bool? Disabled { get; init; }
    /// <summary>
    /// The roles that can manage users. When not empty, the change is refused (<see cref="UserChangeOutcome.LastManager"/>)
    /// if it would leave no enabled user with one of them (or with <see cref="ManagerPermission"/>); the check runs inside the update's transaction.
    /// </summary>
    public IReadOnlyList<string> ManagerRoles { get; init; } = [];

    /// <summary>
    /// The permission to manage users, held through a custom role or as an extra permission: with it, a user counts
    /// as a manager too (besides <see cref="ManagerRoles"/>). Null: roles only.
    /// </summary>
    public string? ManagerPermission { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
