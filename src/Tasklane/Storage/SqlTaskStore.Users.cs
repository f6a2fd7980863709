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
    public Task<UserRow?> UpdateUserAsync(UpdateUserParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        return RunAsync(write: true, session => ReadUserAsync(session.Command("user_update")
            .With("id", p.Id)
            .With("password_hash", p.PasswordHash)
            .With("role", p.Role)
            .With("disabled", p.Disabled)
            .With("now", p.Now), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteUserAsync(long id, CancellationToken cancellationToken) =>
        RunAsync(write: true, async session =>
            await session.Command("user_delete").With("id", id).ExecuteScalarAsync(cancellationToken) is not null, cancellationToken);

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
