namespace Tasklane.Conformance;

/// <summary>
/// Custom roles and per-user extra permissions: stored, read with the user (by id, name and token), in use not
/// deleted, and the last-manager rule over role edits and extra permissions too. Every store derives from it.
/// </summary>
public abstract class AccountStoreRoleConformanceTests : TaskStoreConformanceBase
{
    private const string Manage = "user:manage";

    private static RoleParams Role(string name, params string[] permissions) =>
        new() { Name = name, Permissions = permissions, ManagerRoles = ["admin"], ManagerPermission = Manage, Now = T0 };

    [Fact]
    public async Task CreateRole_NewAndTaken_StoredOnceAndListedByName()
    {
        var (_, accounts) = await CreateStoresAsync();

        var created = await accounts.CreateRoleAsync(Role("support", "task:list", "task:view"), Ct);
        await accounts.CreateRoleAsync(Role("auditor", "audit:view"), Ct);

        Assert.Equal(new RoleChangeResult(RoleChangeOutcome.Changed, new RoleRow { Name = "support", Permissions = ["task:list", "task:view"], CreatedAt = T0, UpdatedAt = T0 }), created);
        Assert.Equal(RoleChangeOutcome.Exists, (await accounts.CreateRoleAsync(Role("support", "stats:view"), Ct)).Outcome);
        var roles = await accounts.ListRolesAsync(Ct);
        Assert.Equal(["auditor", "support"], roles.Select(r => r.Name));
        Assert.Equal(["task:list", "task:view"], roles[1].Permissions);
    }

    [Fact]
    public async Task User_CustomRoleAndExtraPermissions_ReadWithTheUserEverywhere()
    {
        var (_, accounts) = await CreateStoresAsync();
        await accounts.CreateRoleAsync(Role("support", "task:list"), Ct);
        var carol = (await accounts.CreateUserAsync(new CreateUserParams { Username = "carol", PasswordHash = "h", Role = "support", Permissions = ["stats:view"], Now = T0 }, Ct))!;
        await accounts.CreateTokenAsync("tok", carol.Id, T0, T0.AddDays(1), Ct);

        Assert.Equal(["stats:view"], carol.Permissions);
        Assert.Equal(["task:list"], carol.RolePermissions!);
        Assert.Equal(carol, await accounts.GetUserAsync(carol.Id, Ct));
        Assert.Equal(carol, await accounts.FindUserAsync("CAROL", Ct));
        Assert.Equal(carol, await accounts.FindTokenUserAsync("tok", T0, Ct));
        Assert.Equal(carol, Assert.Single(await accounts.ListUsersAsync(Ct)));

        await accounts.UpdateRoleAsync(Role("support", "task:list", "task:view"), Ct);
        var changed = (await accounts.UpdateUserAsync(new UpdateUserParams { Id = carol.Id, Permissions = ["audit:view", "stats:view"], Now = T0 }, Ct)).User!;

        Assert.Equal(["audit:view", "stats:view"], changed.Permissions);
        Assert.Equal(["task:list", "task:view"], changed.RolePermissions!);
        Assert.Equal(changed, await accounts.FindTokenUserAsync("tok", T0, Ct));
        var kept = (await accounts.UpdateUserAsync(new UpdateUserParams { Id = carol.Id, Disabled = false, Now = T0 }, Ct)).User!;
        Assert.Equal(["audit:view", "stats:view"], kept.Permissions);
    }

    [Fact]
    public async Task User_BuiltInRole_HasNoRolePermissionsAndNoExtras()
    {
        var (_, accounts) = await CreateStoresAsync();

        var user = (await accounts.CreateUserAsync("dave", "h", "viewer", T0, Ct))!;

        Assert.Null(user.RolePermissions);
        Assert.Empty(user.Permissions);
    }

    [Fact]
    public async Task DeleteRole_InUseThenFree_RefusedThenRemoved()
    {
        var (_, accounts) = await CreateStoresAsync();
        await accounts.CreateRoleAsync(Role("support", "task:list"), Ct);
        var carol = (await accounts.CreateUserAsync("carol", "h", "support", T0, Ct))!;

        Assert.Equal(RoleChangeOutcome.InUse, (await accounts.DeleteRoleAsync("support", Ct)).Outcome);
        Assert.Single(await accounts.ListRolesAsync(Ct));

        await accounts.UpdateUserAsync(new UpdateUserParams { Id = carol.Id, Role = "viewer", Now = T0 }, Ct);
        Assert.Equal(RoleChangeOutcome.Changed, (await accounts.DeleteRoleAsync("support", Ct)).Outcome);
        Assert.Empty(await accounts.ListRolesAsync(Ct));
        Assert.Equal(RoleChangeOutcome.NotFound, (await accounts.DeleteRoleAsync("support", Ct)).Outcome);
        Assert.Equal(RoleChangeOutcome.NotFound, (await accounts.UpdateRoleAsync(Role("support"), Ct)).Outcome);
    }

    [Fact]
    public async Task UpdateRole_TakesUserManageFromTheLastManagers_RefusedAndNothingChanged()
    {
        var (_, accounts) = await CreateStoresAsync();
        await accounts.CreateRoleAsync(Role("boss", Manage, "task:list"), Ct);
        var boss = (await accounts.CreateUserAsync("boss", "h", "boss", T0, Ct))!;
        var admin = (await accounts.CreateUserAsync("root", "h", "admin", T0, Ct))!;
        await accounts.UpdateUserAsync(new UpdateUserParams { Id = admin.Id, Disabled = true, Now = T0 }, Ct);

        Assert.Equal(new RoleChangeResult(RoleChangeOutcome.LastManager, null), await accounts.UpdateRoleAsync(Role("boss", "task:list"), Ct));
        Assert.Equal([Manage, "task:list"], (await accounts.GetUserAsync(boss.Id, Ct))!.RolePermissions!);

        await accounts.UpdateUserAsync(new UpdateUserParams { Id = admin.Id, Disabled = false, Now = T0 }, Ct);
        Assert.Equal(RoleChangeOutcome.Changed, (await accounts.UpdateRoleAsync(Role("boss", "task:list"), Ct)).Outcome);
    }

    [Fact]
    public async Task UpdateUser_LastManagerByExtraPermission_RefusedWhenTakenAwayOrDemoted()
    {
        var (_, accounts) = await CreateStoresAsync();
        var ops = (await accounts.CreateUserAsync(new CreateUserParams { Username = "ops", PasswordHash = "h", Role = "operator", Permissions = [Manage], Now = T0 }, Ct))!;
        var rule = new UpdateUserParams { Id = ops.Id, ManagerRoles = ["admin"], ManagerPermission = Manage, Now = T0 };

        Assert.Equal(UserChangeOutcome.LastManager, (await accounts.UpdateUserAsync(rule with { Permissions = [] }, Ct)).Outcome);
        Assert.Equal(UserChangeOutcome.LastManager, (await accounts.UpdateUserAsync(rule with { Disabled = true }, Ct)).Outcome);
        Assert.Equal(UserChangeOutcome.LastManager, (await accounts.DeleteUserAsync(new DeleteUserParams { Id = ops.Id, ManagerRoles = ["admin"], ManagerPermission = Manage }, Ct)).Outcome);
        Assert.Equal([Manage], (await accounts.GetUserAsync(ops.Id, Ct))!.Permissions);

        // Promoting someone else first makes the change possible.
        await accounts.CreateUserAsync("root", "h", "admin", T0, Ct);
        Assert.Equal(UserChangeOutcome.Changed, (await accounts.UpdateUserAsync(rule with { Permissions = [] }, Ct)).Outcome);
    }

    [Fact]
    public async Task DemoteAdmin_OnlyOtherManagerHoldsACustomRole_Changed()
    {
        var (_, accounts) = await CreateStoresAsync();
        await accounts.CreateRoleAsync(Role("boss", Manage), Ct);
        var root = (await accounts.CreateUserAsync("root", "h", "admin", T0, Ct))!;
        await accounts.CreateUserAsync("boss", "h", "boss", T0, Ct);

        var result = await accounts.UpdateUserAsync(new UpdateUserParams { Id = root.Id, Role = "viewer", ManagerRoles = ["admin"], ManagerPermission = Manage, Now = T0 }, Ct);

        Assert.Equal(UserChangeOutcome.Changed, result.Outcome);
    }
}
