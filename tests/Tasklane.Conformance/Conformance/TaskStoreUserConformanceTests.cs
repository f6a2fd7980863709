namespace Tasklane.Conformance;

/// <summary>The store contract for users, tokens, settings and nodes; every store derives from it.</summary>
public abstract class TaskStoreUserConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task CreateUser_NewName_StoredAndFoundCaseInsensitively()
    {
        var (store, accounts) = await CreateStoresAsync();

        var user = await accounts.CreateUserAsync("Alice", "hash1", "admin", T0, Ct);

        Assert.NotNull(user);
        Assert.Equal(("Alice", "hash1", "admin", false, T0), (user.Username, user.PasswordHash, user.Role, user.Disabled, user.CreatedAt));
        Assert.Equal(user, await accounts.GetUserAsync(user.Id, Ct));
        Assert.Equal(user, await accounts.FindUserAsync("aLiCe", Ct));
        Assert.Null(await accounts.FindUserAsync("bob", Ct));
        Assert.Null(await accounts.GetUserAsync(user.Id + 100, Ct));
    }

    [Fact]
    public async Task CreateUser_DuplicateName_ReturnsNull()
    {
        var (store, accounts) = await CreateStoresAsync();
        await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct);

        Assert.Null(await accounts.CreateUserAsync("ALICE", "h2", "viewer", T0, Ct));
        Assert.Equal(1, await accounts.CountUsersAsync(Ct));
    }

    [Fact]
    public async Task ListUsers_SeveralUsers_ByNameAndCounted()
    {
        var (store, accounts) = await CreateStoresAsync();
        await accounts.CreateUserAsync("carol", "h", "viewer", T0, Ct);
        await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct);
        await accounts.CreateUserAsync("bob", "h", "operator", T0, Ct);

        Assert.Equal(["alice", "bob", "carol"], (await accounts.ListUsersAsync(Ct)).Select(u => u.Username));
        Assert.Equal(3, await accounts.CountUsersAsync(Ct));
    }

    [Fact]
    public async Task UpdateUser_SomeFields_ChangedOthersKept()
    {
        var (store, accounts) = await CreateStoresAsync();
        var user = (await accounts.CreateUserAsync("alice", "h", "viewer", T0, Ct))!;

        var updated = (await accounts.UpdateUserAsync(new UpdateUserParams { Id = user.Id, Role = "operator", Disabled = true, Now = T0.AddHours(1) }, Ct)).User;

        Assert.Equal(("h", "operator", true, T0, T0.AddHours(1)), (updated!.PasswordHash, updated.Role, updated.Disabled, updated.CreatedAt, updated.UpdatedAt));
        var again = (await accounts.UpdateUserAsync(new UpdateUserParams { Id = user.Id, PasswordHash = "h2", Disabled = false, Now = T0.AddHours(2) }, Ct)).User;
        Assert.Equal(("h2", "operator", false), (again!.PasswordHash, again.Role, again.Disabled));
        Assert.Equal(new UserChangeResult(UserChangeOutcome.NotFound, null), await accounts.UpdateUserAsync(new UpdateUserParams { Id = user.Id + 100, Role = "admin", Now = T0 }, Ct));
    }

    [Fact]
    public async Task DeleteUser_Existing_RemovesUserAndTokens()
    {
        var (store, accounts) = await CreateStoresAsync();
        var user = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateTokenAsync("tok", user.Id, T0, T0.AddDays(1), Ct);

        Assert.Equal(UserChangeOutcome.Changed, (await accounts.DeleteUserAsync(new DeleteUserParams { Id = user.Id }, Ct)).Outcome);

        Assert.Null(await accounts.GetUserAsync(user.Id, Ct));
        Assert.Null(await accounts.FindTokenUserAsync("tok", T0, Ct));
        Assert.Equal(UserChangeOutcome.NotFound, (await accounts.DeleteUserAsync(new DeleteUserParams { Id = user.Id }, Ct)).Outcome);
        var reused = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        Assert.Null(await accounts.FindTokenUserAsync("tok", T0, Ct));
        Assert.NotNull(reused);
    }

    [Fact]
    public async Task FindTokenUser_ValidToken_ReturnsUser()
    {
        var (store, accounts) = await CreateStoresAsync();
        var user = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateTokenAsync("tok", user.Id, T0, T0.AddHours(1), Ct);

        Assert.Equal(user, await accounts.FindTokenUserAsync("tok", T0.AddMinutes(59), Ct));
        Assert.Null(await accounts.FindTokenUserAsync("other", T0, Ct));
    }

    [Fact]
    public async Task FindTokenUser_ExpiredToken_ReturnsNull()
    {
        var (store, accounts) = await CreateStoresAsync();
        var user = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateTokenAsync("tok", user.Id, T0, T0.AddHours(1), Ct);

        Assert.Null(await accounts.FindTokenUserAsync("tok", T0.AddHours(1), Ct));
    }

    [Fact]
    public async Task FindTokenUser_RevokedToken_ReturnsNull()
    {
        var (store, accounts) = await CreateStoresAsync();
        var user = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateTokenAsync("tok", user.Id, T0, T0.AddDays(1), Ct);
        await accounts.CreateTokenAsync("keep", user.Id, T0, T0.AddDays(1), Ct);

        await accounts.RevokeTokenAsync("tok", Ct);

        Assert.Null(await accounts.FindTokenUserAsync("tok", T0, Ct));
        Assert.NotNull(await accounts.FindTokenUserAsync("keep", T0, Ct));
    }

    [Fact]
    public async Task RevokeUserTokens_RevokesThatUsersTokensButTheKeptOne()
    {
        var (store, accounts) = await CreateStoresAsync();
        var alice = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        var bob = (await accounts.CreateUserAsync("bob", "h", "admin", T0, Ct))!;
        await accounts.CreateTokenAsync("a1", alice.Id, T0, T0.AddDays(1), Ct);
        await accounts.CreateTokenAsync("a2", alice.Id, T0, T0.AddDays(1), Ct);
        await accounts.CreateTokenAsync("a3", alice.Id, T0, T0.AddDays(1), Ct);
        await accounts.CreateTokenAsync("b1", bob.Id, T0, T0.AddDays(1), Ct);

        await accounts.RevokeUserTokensAsync(alice.Id, "a3", Ct);

        Assert.Null(await accounts.FindTokenUserAsync("a1", T0, Ct));
        Assert.Null(await accounts.FindTokenUserAsync("a2", T0, Ct));
        Assert.NotNull(await accounts.FindTokenUserAsync("a3", T0, Ct));
        Assert.NotNull(await accounts.FindTokenUserAsync("b1", T0, Ct));

        await accounts.RevokeUserTokensAsync(alice.Id, null, Ct);

        Assert.Null(await accounts.FindTokenUserAsync("a3", T0, Ct));
        Assert.NotNull(await accounts.FindTokenUserAsync("b1", T0, Ct));
    }

    [Fact]
    public async Task FindTokenUser_DisabledUser_ReturnsNull()
    {
        var (store, accounts) = await CreateStoresAsync();
        var user = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateTokenAsync("tok", user.Id, T0, T0.AddDays(1), Ct);

        await accounts.UpdateUserAsync(new UpdateUserParams { Id = user.Id, Disabled = true, Now = T0 }, Ct);

        Assert.Null(await accounts.FindTokenUserAsync("tok", T0, Ct));
    }

    [Fact]
    public async Task DisableUser_RevokesItsTokens_SoEnablingDoesNotRestoreThem()
    {
        var (store, accounts) = await CreateStoresAsync();
        var alice = (await accounts.CreateUserAsync("alice", "h", "viewer", T0, Ct))!;
        var bob = (await accounts.CreateUserAsync("bob", "h", "viewer", T0, Ct))!;
        await accounts.CreateTokenAsync("a1", alice.Id, T0, T0.AddDays(1), Ct);
        await accounts.CreateTokenAsync("b1", bob.Id, T0, T0.AddDays(1), Ct);

        await accounts.UpdateUserAsync(new UpdateUserParams { Id = alice.Id, Disabled = true, Now = T0 }, Ct);
        await accounts.UpdateUserAsync(new UpdateUserParams { Id = alice.Id, Disabled = false, Now = T0 }, Ct);

        Assert.Null(await accounts.FindTokenUserAsync("a1", T0, Ct));
        Assert.NotNull(await accounts.FindTokenUserAsync("b1", T0, Ct));
        await accounts.CreateTokenAsync("a2", alice.Id, T0, T0.AddDays(1), Ct);
        Assert.NotNull(await accounts.FindTokenUserAsync("a2", T0, Ct));
    }

    [Theory]
    [InlineData("demote")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task ChangeUser_LastEnabledManager_RefusedAndNothingChanged(string change)
    {
        var (store, accounts) = await CreateStoresAsync();
        var alice = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateUserAsync("bob", "h", "admin", T0, Ct);
        await accounts.CreateUserAsync("carol", "h", "operator", T0, Ct);
        var bob = (await accounts.UpdateUserAsync(new UpdateUserParams { Id = (await accounts.FindUserAsync("bob", Ct))!.Id, Disabled = true, Now = T0 }, Ct)).User!;

        var result = await ChangeAsync(accounts, alice.Id, change);

        Assert.Equal(new UserChangeResult(UserChangeOutcome.LastManager, null), result);
        Assert.Equal(alice, await accounts.GetUserAsync(alice.Id, Ct));
        Assert.Equal(bob, await accounts.GetUserAsync(bob.Id, Ct));
    }

    [Theory]
    [InlineData("demote")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task ChangeUser_AnotherEnabledManagerRemains_Changed(string change)
    {
        var (store, accounts) = await CreateStoresAsync();
        var alice = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
        await accounts.CreateUserAsync("bob", "h", "admin", T0, Ct);

        Assert.Equal(UserChangeOutcome.Changed, (await ChangeAsync(accounts, alice.Id, change)).Outcome);
    }

    [Fact]
    public async Task ChangeUser_NotAManager_NeverRefused()
    {
        // No manager at all (a store seeded from code): changing someone who is not one is not the guard's business.
        var (store, accounts) = await CreateStoresAsync();
        var carol = (await accounts.CreateUserAsync("carol", "h", "operator", T0, Ct))!;

        Assert.Equal(UserChangeOutcome.Changed, (await ChangeAsync(accounts, carol.Id, "disable")).Outcome);
        Assert.Equal(UserChangeOutcome.Changed, (await ChangeAsync(accounts, carol.Id, "delete")).Outcome);
    }

    [Theory]
    [InlineData("demote")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task ChangeUser_TwoManagersChangeEachOtherOnTwoHandlesAtOnce_OneRefused(string change)
    {
        for (var round = 0; round < 5; round++)
        {
            var (store, accounts) = await CreateStoresAsync();
            var other = AccountsOf(OpenSecondHandle(store));
            var alice = (await accounts.CreateUserAsync("alice", "h", "admin", T0, Ct))!;
            var bob = (await accounts.CreateUserAsync("bob", "h", "admin", T0, Ct))!;

            var results = await Task.WhenAll(
                Task.Run(() => ChangeAsync(accounts, bob.Id, change)),
                Task.Run(() => ChangeAsync(other, alice.Id, change)));

            Assert.Equal([UserChangeOutcome.Changed, UserChangeOutcome.LastManager], results.Select(r => r.Outcome).Order());
            var managers = (await accounts.ListUsersAsync(Ct)).Where(u => u.Role == "admin" && !u.Disabled);
            Assert.Single(managers);
        }
    }

    private static Task<UserChangeResult> ChangeAsync(IAccountStore accounts, long id, string change) => change switch
    {
        "demote" => accounts.UpdateUserAsync(new UpdateUserParams { Id = id, Role = "operator", ManagerRoles = ["admin"], Now = T0 }, Ct),
        "disable" => accounts.UpdateUserAsync(new UpdateUserParams { Id = id, Disabled = true, ManagerRoles = ["admin"], Now = T0 }, Ct),
        _ => accounts.DeleteUserAsync(new DeleteUserParams { Id = id, ManagerRoles = ["admin"] }, Ct),
    };

    [Fact]
    public async Task SetSettings_Values_RoundTripAndUpsert()
    {
        var (store, accounts) = await CreateStoresAsync();
        Assert.Empty(await store.GetSettingsAsync(Ct));

        await store.SetSettingsAsync(new Dictionary<string, string> { ["retention_days"] = "30", ["theme"] = "\"dark\"" }, Ct);
        await store.SetSettingsAsync(new Dictionary<string, string> { ["retention_days"] = "7" }, Ct);

        var settings = await store.GetSettingsAsync(Ct);
        Assert.Equal(2, settings.Count);
        Assert.Equal(("7", "\"dark\""), (settings["retention_days"], settings["theme"]));
    }

    [Fact]
    public async Task Heartbeat_Nodes_ListedMostRecentFirstAndRemoved()
    {
        var (store, accounts) = await CreateStoresAsync();
        var older = new NodeRow
        {
            Id = "node-a", Host = "alpha", Pid = 11, StartedAt = T0, LastHeartbeat = T0.AddSeconds(5),
            Queues = new Dictionary<string, int> { ["default"] = 4, ["emails"] = 1 }, Workers = ["product", "mail"], Concurrency = 5, Running = 2,
        };
        var newer = new NodeRow { Id = "node-b", Host = "beta", Pid = 12, StartedAt = T0, LastHeartbeat = T0.AddSeconds(9) };
        await store.HeartbeatAsync(new HeartbeatParams { Node = older with { LastHeartbeat = T0 }, LeaseExpiresAt = T0 }, Ct);
        await store.HeartbeatAsync(new HeartbeatParams { Node = newer, LeaseExpiresAt = T0 }, Ct);
        await store.HeartbeatAsync(new HeartbeatParams { Node = older, LeaseExpiresAt = T0 }, Ct);

        var nodes = await store.ListNodesAsync(Ct);

        Assert.Equal(["node-b", "node-a"], nodes.Select(n => n.Id));
        var a = nodes[1];
        Assert.Equal(("alpha", 11, T0, T0.AddSeconds(5), 5, 2), (a.Host, a.Pid, a.StartedAt, a.LastHeartbeat, a.Concurrency, a.Running));
        Assert.Equal(older.Queues, a.Queues);
        Assert.Equal(older.Workers, a.Workers);

        await store.RemoveNodeAsync("node-b", Ct);

        Assert.Equal(["node-a"], (await store.ListNodesAsync(Ct)).Select(n => n.Id));
    }
}
