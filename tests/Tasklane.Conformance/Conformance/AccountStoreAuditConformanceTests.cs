using System.Data.Common;
using System.Text.Json;

namespace Tasklane.Conformance;

/// <summary>
/// The audit log contract: an action inside an <see cref="AuditScope"/> writes its entry in its own transaction (both
/// commit or neither), a refused action writes none, and the log is filtered, paged newest first and pruned. Every
/// store derives from it.
/// </summary>
public abstract class AccountStoreAuditConformanceTests : TaskStoreConformanceBase
{
    private static AuditEntry Entry(string action, string? targetId = null, string actor = "alice", DateTimeOffset? at = null, string? details = null) => new()
    {
        At = at ?? T0, ActorId = 1, ActorName = actor, Ip = "10.0.0.9", Action = action, TargetType = "task", TargetId = targetId, Details = details,
    };

    [Fact]
    public async Task Cancel_InAuditScope_EntryWrittenWithEveryField()
    {
        var (store, accounts) = await CreateStoresAsync();
        var task = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));

        using (var scope = AuditScope.Begin(Entry("task.cancel", task.Id.ToString(), details: """{"reason":"test"}""")))
        {
            Assert.Equal(TransitionOutcome.Done, (await store.CancelAsync(task.Id, T0, Ct)).Outcome);
            Assert.True(scope.Written);
        }

        var entry = Assert.Single((await accounts.ListAuditAsync(new AuditQuery(), Ct)).Items);
        Assert.True(entry.Id > 0);
        Assert.Equal((T0, 1L, "alice", "10.0.0.9", "task.cancel", "task", task.Id.ToString()), (entry.At, entry.ActorId!.Value, entry.ActorName, entry.Ip, entry.Action, entry.TargetType, entry.TargetId));
        Assert.Equal("test", JsonDocument.Parse(entry.Details!).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Transition_WrongState_NoEntry()
    {
        var (store, accounts) = await CreateStoresAsync();
        var task = await CreateAsync(store, NewTask());

        using var scope = AuditScope.Begin(Entry("task.retry", task.Id.ToString()));
        Assert.Equal(TransitionOutcome.WrongState, (await store.RetryAsync(task.Id, T0, Ct)).Outcome);

        Assert.False(scope.Written);
        Assert.Empty((await accounts.ListAuditAsync(new AuditQuery(), Ct)).Items);
    }

    [Fact]
    public async Task Transition_EntryCannotBeWritten_ActionRolledBackWithIt()
    {
        // The entry and the change are one transaction: when the entry fails (details that are not JSON), the
        // cancel does not happen either.
        var (store, accounts) = await CreateStoresAsync();
        var task = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));

        using (AuditScope.Begin(Entry("task.cancel", task.Id.ToString(), details: "{not json")))
        {
            await Assert.ThrowsAnyAsync<DbException>(() => store.CancelAsync(task.Id, T0, Ct));
        }

        Assert.Equal(TaskState.Pending, (await GetAsync(store, task.Id)).Status);
        Assert.DoesNotContain(await LogsAsync(store, task.Id), l => l.Message == "Cancelled");
        Assert.Empty((await accounts.ListAuditAsync(new AuditQuery(), Ct)).Items);
    }

    [Fact]
    public async Task Actions_EachInItsScope_EachWritesOneEntryNewestFirst()
    {
        var (store, accounts) = await CreateStoresAsync();
        var later = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));
        var other = await CreateAsync(store, NewTask(runAt: T0.AddHours(2)));
        await store.UpsertWorkersAsync([new WorkerRow { Identifier = "product", Title = "Products", Scope = "shop", Actions = ["import"] }], false, T0, Ct);
        var n = 0;
        async Task Do(string action, Func<Task> work)
        {
            using var scope = AuditScope.Begin(Entry(action, at: T0.AddSeconds(++n)));
            await work();
            Assert.True(scope.Written, action);
        }

        await Do("task.execute", () => store.ExecuteNowAsync(later.Id, T0, Ct));
        await Do("task.process_pending", () => store.ProcessPendingAsync(T0, null, Ct));
        await Do("task.delete", () => store.DeleteAsync(other.Id, T0, Ct));
        await Do("worker.deactivate", () => store.SetWorkerActiveAsync("product", false, T0, Ct));
        await Do("worker.settings", () => store.SetWorkerSettingsAsync("product", "{}", T0, Ct));
        await Do("settings.update", () => store.SetSettingsAsync(new Dictionary<string, string> { ["retention_days"] = "7" }, Ct));
        UserRow? bob = null;
        await Do("user.create", async () => bob = await accounts.CreateUserAsync("bob", "h", "viewer", T0, Ct));
        await Do("user.update", () => accounts.UpdateUserAsync(new UpdateUserParams { Id = bob!.Id, Role = "operator", Now = T0 }, Ct));
        await Do("auth.login", () => accounts.CreateTokenAsync("tok", bob!.Id, T0, T0.AddDays(1), Ct));
        await Do("auth.logout", () => accounts.RevokeTokenAsync("tok", Ct));
        await Do("role.create", () => accounts.CreateRoleAsync(new RoleParams { Name = "auditor", Permissions = ["audit:view"], Now = T0 }, Ct));
        await Do("role.update", () => accounts.UpdateRoleAsync(new RoleParams { Name = "auditor", Permissions = ["task:list"], Now = T0 }, Ct));
        await Do("role.delete", () => accounts.DeleteRoleAsync("auditor", Ct));
        await Do("user.delete", () => accounts.DeleteUserAsync(new DeleteUserParams { Id = bob!.Id }, Ct));

        var items = (await accounts.ListAuditAsync(new AuditQuery { PageSize = 100 }, Ct)).Items;
        Assert.Equal(
            ["user.delete", "role.delete", "role.update", "role.create", "auth.logout", "auth.login", "user.update", "user.create",
             "settings.update", "worker.settings", "worker.deactivate", "task.delete", "task.process_pending", "task.execute"],
            items.Select(e => e.Action));
        // What only the transaction knows, the store adds: the new user's id, the deleted user's name, the count.
        Assert.Equal(bob!.Id.ToString(), items.Single(e => e.Action == "user.create").TargetId);
        Assert.Equal("bob", JsonDocument.Parse(items.Single(e => e.Action == "user.delete").Details!).RootElement.GetProperty("username").GetString());
        Assert.Equal(1, JsonDocument.Parse(items.Single(e => e.Action == "task.process_pending").Details!).RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Scope_AfterTheFirstWriteOrDisposed_WritesNothingMore()
    {
        var (store, accounts) = await CreateStoresAsync();
        var a = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));
        var b = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));

        using (AuditScope.Begin(Entry("task.execute")))
        {
            await store.ExecuteNowAsync(a.Id, T0, Ct);
            await store.ExecuteNowAsync(b.Id, T0, Ct);
        }
        await store.CancelAsync(b.Id, T0, Ct);

        Assert.Equal(["task.execute"], (await accounts.ListAuditAsync(new AuditQuery(), Ct)).Items.Select(e => e.Action));
    }

    [Fact]
    public async Task ListAudit_Filters_MatchExactlyAndPageNewestFirst()
    {
        var (_, accounts) = await CreateStoresAsync();
        for (var i = 0; i < 25; i++)
        {
            await accounts.AppendAuditAsync(Entry(i % 2 == 0 ? "task.cancel" : "role.update", (i % 5).ToString(), i < 10 ? "alice" : "Bob", T0.AddMinutes(i)), Ct);
        }

        var all = await accounts.ListAuditAsync(new AuditQuery { PageSize = 10 }, Ct);
        Assert.Equal(25, all.Total);
        Assert.Equal(Enumerable.Range(15, 10).Reverse().Select(i => T0.AddMinutes(i)), all.Items.Select(e => e.At));
        var third = await accounts.ListAuditAsync(new AuditQuery { PageSize = 10, Current = 3 }, Ct);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => T0.AddMinutes(i)), third.Items.Select(e => e.At));

        Assert.Equal(15, (await accounts.ListAuditAsync(new AuditQuery { Actor = "bob" }, Ct)).Total);
        Assert.Equal(13, (await accounts.ListAuditAsync(new AuditQuery { Action = "task.cancel" }, Ct)).Total);
        Assert.Equal(12, (await accounts.ListAuditAsync(new AuditQuery { Action = "role.*" }, Ct)).Total);
        Assert.Equal(0, (await accounts.ListAuditAsync(new AuditQuery { Action = "role" }, Ct)).Total);
        Assert.Equal(5, (await accounts.ListAuditAsync(new AuditQuery { TargetType = "task", TargetId = "3" }, Ct)).Total);
        Assert.Equal(0, (await accounts.ListAuditAsync(new AuditQuery { TargetType = "user" }, Ct)).Total);
        var window = await accounts.ListAuditAsync(new AuditQuery { From = T0.AddMinutes(5), To = T0.AddMinutes(9), Actor = "ALICE" }, Ct);
        Assert.Equal([9, 8, 7, 6, 5], window.Items.Select(e => (int)(e.At - T0).TotalMinutes));
        var combined = await accounts.ListAuditAsync(new AuditQuery { Actor = "bob", Action = "task.cancel", TargetId = "0" }, Ct);
        Assert.Equal([20, 10], combined.Items.Select(e => (int)(e.At - T0).TotalMinutes));
    }

    [Fact]
    public async Task DeleteAudit_Before_RemovesOnlyOlderEntries()
    {
        var (_, accounts) = await CreateStoresAsync();
        await accounts.AppendAuditAsync(Entry("task.cancel", at: T0.AddDays(-400)), Ct);
        await accounts.AppendAuditAsync(Entry("task.retry", at: T0.AddDays(-364)), Ct);
        await accounts.AppendAuditAsync(Entry("task.delete", at: T0), Ct);

        Assert.Equal(1, await accounts.DeleteAuditAsync(T0.AddDays(-365), Ct));

        Assert.Equal(["task.delete", "task.retry"], (await accounts.ListAuditAsync(new AuditQuery(), Ct)).Items.Select(e => e.Action));
    }
}
