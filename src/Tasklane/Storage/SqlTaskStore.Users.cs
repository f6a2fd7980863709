namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<UserRow?> CreateUserAsync(string username, string passwordHash, string role, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => ReadUserAsync(session.Command("user_insert")
            .With("username", username)
            .With("password_hash", passwordHash)
            .With("role", role)
            .With("now", now), cancellationToken), cancellationToken);

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
        return RunAsync(write: true, async session =>
        {
            if (await RefuseAsync(session, p.Id, p.ManagerRoles, u => u with { Role = p.Role ?? u.Role, Disabled = p.Disabled ?? u.Disabled }, cancellationToken) is { } refusal)
            {
                return refusal;
            }
            var user = await ReadUserAsync(session.Command("user_update")
                .With("id", p.Id)
                .With("password_hash", p.PasswordHash)
                .With("role", p.Role)
                .With("disabled", p.Disabled)
                .With("now", p.Now), cancellationToken);
            if (user is null) return new UserChangeResult(UserChangeOutcome.NotFound, null);
            if (p.Disabled == true)
            {
                // Enabling the user again must not bring back the sessions it had.
                await session.Command("tokens_revoke_user")
                    .With("user_id", p.Id)
                    .With("keep_token_hash", "")
                    .With("now", p.Now)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            return new UserChangeResult(UserChangeOutcome.Changed, user);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserChangeResult> DeleteUserAsync(DeleteUserParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(p.ManagerRoles);
        return RunAsync(write: true, async session =>
        {
            if (await RefuseAsync(session, p.Id, p.ManagerRoles, _ => null, cancellationToken) is { } refusal) return refusal;
            var user = await ReadUserAsync(session.Command("user_get").With("id", p.Id), cancellationToken);
            if (user is null) return new UserChangeResult(UserChangeOutcome.NotFound, null);
            await session.Command("user_delete").With("id", p.Id).ExecuteScalarAsync(cancellationToken);
            return new UserChangeResult(UserChangeOutcome.Changed, user);
        }, cancellationToken);
    }

    /// <summary>
    /// The refusal of a change that would leave no enabled manager, or null when it may go ahead. Inside the change's
    /// transaction, after <see cref="LockUsersAsync"/>: a concurrent change to the managers waits for this one to end,
    /// then sees its result, so two admins demoting each other cannot both pass. <c>after</c> gives the user as the change
    /// leaves it (null when it is deleted).
    /// </summary>
    private async Task<UserChangeResult?> RefuseAsync(
        StoreSession session, long id, IReadOnlyList<string> managerRoles, Func<UserRow, UserRow?> after, CancellationToken cancellationToken)
    {
        if (managerRoles.Count == 0) return null;
        await LockUsersAsync(session, cancellationToken);
        var user = await ReadUserAsync(session.Command("user_get").With("id", id), cancellationToken);
        if (user is null) return new UserChangeResult(UserChangeOutcome.NotFound, null);
        bool IsManager(UserRow? u) => u is { Disabled: false } && managerRoles.Contains(u.Role, StringComparer.Ordinal);
        if (!IsManager(user) || IsManager(after(user))) return null;
        var others = (long)(await session.Command("users_count_managers")
            .WithList("roles", managerRoles)
            .With("except_id", id)
            .ExecuteScalarAsync(cancellationToken))!;
        return others == 0 ? new UserChangeResult(UserChangeOutcome.LastManager, null) : null;
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
    public Task CreateTokenAsync(string tokenHash, long userId, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => session.Command("token_insert")
            .With("token_hash", tokenHash)
            .With("user_id", userId)
            .With("created_at", createdAt)
            .With("expires_at", expiresAt)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<UserRow?> FindTokenUserAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(write: false, session => ReadUserAsync(session.Command("token_find_user")
            .With("token_hash", tokenHash)
            .With("now", now), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task RevokeTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => session.Command("token_revoke")
            .With("token_hash", tokenHash)
            .With("now", TimeProvider.GetUtcNow())
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);

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
        return RunAsync(write: true, async session =>
        {
            await WriteSettingsAsync(session, values, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Upserts a non-empty set of settings inside the caller's transaction.</summary>
    private protected abstract Task WriteSettingsAsync(StoreSession session, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken);

    private async Task<UserRow?> ReadUserAsync(StoreCommand command, CancellationToken cancellationToken) =>
        (await command.ReadAllAsync(Rows.User, cancellationToken)).FirstOrDefault();
}
