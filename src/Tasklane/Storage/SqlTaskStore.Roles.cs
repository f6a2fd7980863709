namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<RoleRow>> ListRolesAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<RoleRow>>(write: false, async session =>
            await session.Command("roles_list").ReadAllAsync(Rows.Role, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<RoleChangeResult> CreateRoleAsync(RoleParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            var role = (await session.Command("role_insert")
                .With("name", p.Name)
                .With("permissions", StoreRows.NamesValue(p.Permissions))
                .With("now", p.Now)
                .ReadAllAsync(Rows.Role, cancellationToken)).FirstOrDefault();
            if (role is null) return new RoleChangeResult(RoleChangeOutcome.Exists, null);
            await AuditAsync(session, audit, cancellationToken);
            return new RoleChangeResult(RoleChangeOutcome.Changed, role);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RoleChangeResult> UpdateRoleAsync(RoleParams p, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var audit = AuditScope.Pending();
        var rule = new ManagerRule(p.ManagerRoles, p.ManagerPermission);
        return RunAsync(write: true, async session =>
        {
            if (await LeavesNoManagerAsync(session, rule, users => users.Select(u => u.Role == p.Name ? u with { RolePermissions = p.Permissions } : u), cancellationToken))
            {
                return new RoleChangeResult(RoleChangeOutcome.LastManager, null);
            }
            var role = (await session.Command("role_update")
                .With("name", p.Name)
                .With("permissions", StoreRows.NamesValue(p.Permissions))
                .With("now", p.Now)
                .ReadAllAsync(Rows.Role, cancellationToken)).FirstOrDefault();
            if (role is null) return new RoleChangeResult(RoleChangeOutcome.NotFound, null);
            await AuditAsync(session, audit, cancellationToken);
            return new RoleChangeResult(RoleChangeOutcome.Changed, role);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RoleChangeResult> DeleteRoleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            // Under the users lock, so no user takes the role between the count and the delete.
            await LockUsersAsync(session, cancellationToken);
            var role = (await session.Command("role_get").With("name", name).ReadAllAsync(Rows.Role, cancellationToken)).FirstOrDefault();
            if (role is null) return new RoleChangeResult(RoleChangeOutcome.NotFound, null);
            var holders = Convert.ToInt64(await session.Command("role_users_count").With("name", name).ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (holders > 0) return new RoleChangeResult(RoleChangeOutcome.InUse, role);
            await session.Command("role_delete").With("name", name).ExecuteNonQueryAsync(cancellationToken);
            await AuditAsync(session, audit, cancellationToken);
            return new RoleChangeResult(RoleChangeOutcome.Changed, role);
        }, cancellationToken);
    }
}
