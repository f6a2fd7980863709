namespace Tasklane;

/// <summary>Removes a user and its tokens.</summary>
public sealed record DeleteUserParams
{
    /// <summary>The user.</summary>
    public long Id { get; init; }

    /// <summary>
    /// The roles that can manage users. When not empty, the delete is refused (<see cref="UserChangeOutcome.LastManager"/>)
    /// if it would leave no enabled user with one of them (or with <see cref="ManagerPermission"/>); the check runs inside the delete's transaction.
    /// </summary>
    public IReadOnlyList<string> ManagerRoles { get; init; } = [];

    /// <summary>
    /// The permission to manage users, held through a custom role or as an extra permission: with it, a user counts
    /// as a manager too (besides <see cref="ManagerRoles"/>). Null: roles only.
    /// </summary>
    public string? ManagerPermission { get; init; }
}
