using System.Globalization;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<UserRow?> CreateUserAsync(string username, string passwordHash, string role, DateTimeOffset now, CancellationToken cancellationToken) =>
        CreateUserAsync(new CreateUserParams { Username = username, PasswordHash = passwordHash, Role = role, Now = now }, cancellationToken);

    /// <inheritdoc />
    public Task<UserRow?> CreateUserAsync(CreateUserParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            var id = await session.Command("user_insert")
                .With("username", p.Username)
                .With("password_hash", p.PasswordHash)
                .With("role", p.Role)
                .With("permissions", StoreRows.NamesValue(p.Permissions))
                .With("now", p.Now)
                .ExecuteScalarAsync(cancellationToken);
            if (id is null or DBNull) return null;
            var user = await ReadUserAsync(session.Command("user_get").With("id", Convert.ToInt64(id, CultureInfo.InvariantCulture)), cancellationToken);
            await AuditAsync(session, audit, e => e with { TargetId = user!.Id.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
            return user;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRow?> GetUserAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(write: false, session => ReadUserAsync(session.Command("user_get").With("id", id), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<UserRow?> FindUserAsync(string username, CancellationToken cancellationToken) =>
        RunAsync(write: false, session => ReadUserAsync(session.Command("user_find").With("username", username), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UserRow>> ListUsersAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<UserRow>>(write: false, async session =>
            await session.Command("users_list").ReadAllAsync(Rows.User, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<UserChangeResult> UpdateUserAsync(UpdateUserParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(p.ManagerRoles);
        var audit = AuditScope.Pending();
        var rule = new ManagerRule(p.ManagerRoles, p.ManagerPermission);
        return RunAsync(write: true, async session =>
        {
            UserRow Apply(UserRow u) => u with { Role = p.Role ?? u.Role, Disabled = p.Disabled ?? u.Disabled, Permissions = p.Permissions ?? u.Permissions };
            if (await LeavesNoManagerAsync(session, rule, users => users.Select(u => u.Id == p.Id ? Apply(u) : u), cancellationToken))
            {
                return new UserChangeResult(UserChangeOutcome.LastManager, null);
            }
            var changed = await session.Command("user_update")
                .With("id", p.Id)
                .With("password_hash", p.PasswordHash)
                .With("role", p.Role)
                .With("permissions", p.Permissions is null ? null : StoreRows.NamesValue(p.Permissions))
                .With("disabled", p.Disabled)
                .With("now", p.Now)
                .ExecuteScalarAsync(cancellationToken);
            if (changed is null or DBNull) return new UserChangeResult(UserChangeOutcome.NotFound, null);
            var user = await ReadUserAsync(session.Command("user_get").With("id", p.Id), cancellationToken);
            if (p.Disabled == true)
            {
                // Enabling the user again must not bring back the sessions it had.
                await session.Command("tokens_revoke_user")
                    .With("user_id", p.Id)
                    .With("keep_token_hash", "")
                    .With("now", p.Now)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            await AuditAsync(session, audit, cancellationToken);
            return new UserChangeResult(UserChangeOutcome.Changed, user);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserChangeResult> DeleteUserAsync(DeleteUserParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(p.ManagerRoles);
        var audit = AuditScope.Pending();
        var rule = new ManagerRule(p.ManagerRoles, p.ManagerPermission);
        return RunAsync(write: true, async session =>
        {
            if (await LeavesNoManagerAsync(session, rule, users => users.Where(u => u.Id != p.Id), cancellationToken))
            {
                return new UserChangeResult(UserChangeOutcome.LastManager, null);
            }
            var user = await ReadUserAsync(session.Command("user_get").With("id", p.Id), cancellationToken);
            if (user is null) return new UserChangeResult(UserChangeOutcome.NotFound, null);
            await session.Command("user_delete").With("id", p.Id).ExecuteScalarAsync(cancellationToken);
            await AuditAsync(session, audit, e => e with { Details = e.Details ?? AuditDetails.Of(("username", user.Username)) }, cancellationToken);
            return new UserChangeResult(UserChangeOutcome.Changed, user);
        }, cancellationToken);
    }

    /// <summary>
    /// True when a change would leave no enabled manager where there was one: inside the change's transaction, after
    /// <see cref="LockUsersAsync"/>, so a concurrent change to users or roles waits for this one to end, then sees its
    /// result, and two admins demoting each other cannot both pass. <paramref name="after"/> gives the users as the
    /// change leaves them. A store with no manager at all (seeded from code) is not this rule's business.
    /// </summary>
    private async Task<bool> LeavesNoManagerAsync(
        StoreSession session, ManagerRule rule, Func<IEnumerable<UserRow>, IEnumerable<UserRow>> after, CancellationToken cancellationToken)
    {
        if (rule.IsNone) return false;
        await LockUsersAsync(session, cancellationToken);
        var users = await session.Command("users_list").ReadAllAsync(Rows.User, cancellationToken);
        return users.Any(rule.Holds) && !after(users).Any(rule.Holds);
    }

    /// <summary>
    /// Serialises the changes that a manager check guards, until the transaction ends. Nothing to do where the write
    /// transaction already holds the whole database (SQLite's IMMEDIATE transaction).
    /// </summary>
    private protected virtual Task LockUsersAsync(StoreSession session, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<long> CountUsersAsync(CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
            (long)(await session.Command("users_count").ExecuteScalarAsync(cancellationToken))!, cancellationToken);

    /// <inheritdoc />
    public Task CreateTokenAsync(string tokenHash, long userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            await session.Command("token_insert")
                .With("token_hash", tokenHash)
                .With("user_id", userId)
                .With("created_at", createdAt)
                .With("expires_at", expiresAt)
                .ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync(session, audit, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRow?> FindTokenUserAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(write: false, session => ReadUserAsync(session.Command("token_find_user")
            .With("token_hash", tokenHash)
            .With("now", now), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task RevokeTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            await session.Command("token_revoke")
                .With("token_hash", tokenHash)
                .With("now", TimeProvider.GetUtcNow())
                .ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync(session, audit, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RevokeUserTokensAsync(long userId, string? keepTokenHash, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => session.Command("tokens_revoke_user")
            .With("user_id", userId)
            .With("keep_token_hash", keepTokenHash ?? "")
            .With("now", TimeProvider.GetUtcNow())
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> GetSettingsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<string, string>>(write: false, async session =>
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var reader = await session.Command("settings_get").ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) settings[reader.GetString(0)] = reader.GetString(1);
            return settings;
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetSettingsAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return Task.CompletedTask;
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            await WriteSettingsAsync(session, values, cancellationToken);
            await AuditAsync(session, audit, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Upserts a non-empty set of settings inside the caller's transaction.</summary>
    private protected abstract Task WriteSettingsAsync(StoreSession session, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    private async Task<UserRow?> ReadUserAsync(StoreCommand command, CancellationToken cancellationToken) =>
        (await command.ReadAllAsync(Rows.User, cancellationToken)).FirstOrDefault();
}
