namespace Tasklane;

/// <summary>
/// The accounts seam: users, roles, tokens and the audit log. Shaped by sign-in (one lookup per request by token hash)
/// and by the rule that no change may leave nobody able to manage users, which every change checks inside its own
/// transaction.
/// </summary>
public interface IAccountStore
{
    /// <summary>Inserts a user; null when the name is taken.</summary>
    Task<UserRow?> CreateUserAsync(string username, string passwordHash, string role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Inserts a user with extra permissions; null when the name is taken.</summary>
    Task<UserRow?> CreateUserAsync(CreateUserParams p, CancellationToken cancellationToken);

    /// <summary>A user by id.</summary>
    Task<UserRow?> GetUserAsync(long id, CancellationToken cancellationToken);

    /// <summary>A user by name (case-insensitive).</summary>
    Task<UserRow?> FindUserAsync(string username, CancellationToken cancellationToken);

    /// <summary>All users by name.</summary>
    Task<IReadOnlyList<UserRow>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Changes a user in one transaction: refused when it would leave no enabled manager (see
    /// <see cref="UpdateUserParams.ManagerRoles"/>); disabling revokes the user's tokens.
    /// </summary>
    Task<UserChangeResult> UpdateUserAsync(UpdateUserParams p, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a user and its tokens in one transaction: refused when it would leave no enabled manager (see
    /// <see cref="DeleteUserParams.ManagerRoles"/>).
    /// </summary>
    Task<UserChangeResult> DeleteUserAsync(DeleteUserParams p, CancellationToken cancellationToken);

    /// <summary>How many users exist.</summary>
    Task<long> CountUsersAsync(CancellationToken cancellationToken);

    /// <summary>Stores a token by its hash.</summary>
    Task CreateTokenAsync(string tokenHash, long userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The enabled user of an unexpired, unrevoked token, or null.</summary>
    Task<UserRow?> FindTokenUserAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes one token.</summary>
    Task RevokeTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes every token of a user (after a password change), except <paramref name="keepTokenHash"/> when set: the
    /// session of a user who changed their own password stays signed in.
    /// </summary>
    Task RevokeUserTokensAsync(long userId, string? keepTokenHash, CancellationToken cancellationToken);

    /// <summary>The custom roles by name.</summary>
    Task<IReadOnlyList<RoleRow>> ListRolesAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a custom role; <see cref="RoleChangeOutcome.Exists"/> when the name is taken.</summary>
    Task<RoleChangeResult> CreateRoleAsync(RoleParams p, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a custom role's permissions in one transaction: refused (<see cref="RoleChangeOutcome.LastManager"/>)
    /// when it would leave no enabled user able to manage users (see <see cref="RoleParams.ManagerRoles"/>).
    /// </summary>
    Task<RoleChangeResult> UpdateRoleAsync(RoleParams p, CancellationToken cancellationToken);

    /// <summary>Deletes a custom role; refused (<see cref="RoleChangeOutcome.InUse"/>) while a user holds it, in the same transaction.</summary>
    Task<RoleChangeResult> DeleteRoleAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an entry on its own: for what is not one store transaction. An action that is one goes through
    /// <see cref="AuditScope"/>, and the store writes its entry in that transaction.
    /// </summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>A filtered page of the audit log, newest first.</summary>
    Task<AuditPage> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Removes the entries older than <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteAuditAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
