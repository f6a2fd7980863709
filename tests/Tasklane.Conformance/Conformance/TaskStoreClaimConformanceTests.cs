namespace Tasklane.Conformance;

/// <summary>The store contract for claiming due tasks; every store derives from it.</summary>
public abstract class TaskStoreClaimConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task Claim_DueTasks_OrderedByPriorityThenRunAtThenId()
    {
        var store = await CreateStoreAsync();
        var lowEarly = await CreateAsync(store, NewTask(runAt: T0.AddMinutes(-10)) with { Priority = TaskPriority.Low });
        var normalLate = await CreateAsync(store, NewTask(runAt: T0.AddMinutes(-1)));
        var normalEarly = await CreateAsync(store, NewTask(runAt: T0.AddMinutes(-5)));
        var normalEarly2 = await CreateAsync(store, NewTask(runAt: T0.AddMinutes(-5)));
        var high = await CreateAsync(store, NewTask(runAt: T0) with { Priority = TaskPriority.High });

        var claimed = await store.ClaimAsync(NewClaim(), Ct);

        Assert.Equal([high.Id, normalEarly.Id, normalEarly2.Id, normalLate.Id, lowEarly.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task Claim_Started_LeaseAttemptAndLogLine()
    {
        var store = await CreateStoreAsync();
        var task = await CreateAsync(store, NewTask());

        var claimed = Assert.Single(await store.ClaimAsync(NewClaim("node-x", now: T0.AddSeconds(2)), Ct));

        Assert.Equal((task.Id, TaskState.Running, 1), (claimed.Id, claimed.Status, claimed.Attempt));
        Assert.Equal(("node-x", T0.AddSeconds(62), T0.AddSeconds(2)), (claimed.LeaseOwner, claimed.LeaseExpiresAt!.Value, claimed.StartedAt!.Value));
        Assert.Equal(claimed, await GetAsync(store, task.Id));
        var line = (await LogsAsync(store, task.Id))[^1];
        Assert.Equal(("Started attempt 1 on node node-x", TaskState.Running), (line.Message, line.Status));
    }

    [Fact]
    public async Task Claim_DelayedTask_NotClaimedBeforeRunAt()
    {
        var store = await CreateStoreAsync();
        var delayed = await CreateAsync(store, NewTask(runAt: T0.AddMinutes(5)));

        Assert.Empty(await store.ClaimAsync(NewClaim(now: T0.AddMinutes(5).AddMilliseconds(-1)), Ct));
        Assert.Equal(delayed.Id, Assert.Single(await store.ClaimAsync(NewClaim(now: T0.AddMinutes(5)), Ct)).Id);
    }

    [Fact]
    public async Task Claim_WorkerNotServed_NotClaimed()
    {
        var store = await CreateStoreAsync();
        await CreateAsync(store, NewTask("mail", "send"));
        var product = await CreateAsync(store, NewTask("product"));

        var claimed = await store.ClaimAsync(NewClaim(workers: ["product", "other"]), Ct);

        Assert.Equal([product.Id], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task Claim_Limit_TakesAtMostLimitInOrder()
    {
        var store = await CreateStoreAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await CreateAsync(store, NewTask())).Id);

        var first = await store.ClaimAsync(NewClaim(limit: 2), Ct);
        var second = await store.ClaimAsync(NewClaim(limit: 2), Ct);

        Assert.Equal(ids[..2], first.Select(t => t.Id));
        Assert.Equal(ids[2..4], second.Select(t => t.Id));
        Assert.Empty(await store.ClaimAsync(NewClaim(limit: 0), Ct));
    }

    [Fact]
    public async Task Claim_QueueSlots_LimitNamedQueuesOnly()
    {
        var store = await CreateStoreAsync();
        var emails = new List<long>();
        for (var i = 0; i < 4; i++) emails.Add((await CreateAsync(store, NewTask("mail", "send") with { Queue = "emails", Priority = TaskPriority.High })).Id);
        var reports = new List<long>();
        for (var i = 0; i < 3; i++) reports.Add((await CreateAsync(store, NewTask("report", "run") with { Queue = "reports", Priority = TaskPriority.High })).Id);
        var defaults = new List<long>();
        for (var i = 0; i < 3; i++) defaults.Add((await CreateAsync(store, NewTask())).Id);
        var slots = new Dictionary<string, int> { ["emails"] = 2, ["reports"] = 0 };

        var claimed = await store.ClaimAsync(NewClaim(limit: 4) with { QueueSlots = slots }, Ct);

        Assert.Equal([emails[0], emails[1], defaults[0], defaults[1]], claimed.Select(t => t.Id));
    }

    [Fact]
    public async Task Claim_QueueSlotsBehindLargeBacklog_StillFillsLimit()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 60; i++) await CreateAsync(store, NewTask("mail", "send") with { Queue = "emails", Priority = TaskPriority.High });
        var low = await CreateAsync(store, NewTask() with { Priority = TaskPriority.Low });

        var claimed = await store.ClaimAsync(NewClaim(limit: 3) with { QueueSlots = new Dictionary<string, int> { ["emails"] = 1 } }, Ct);

        Assert.Equal(2, claimed.Count);
        Assert.Equal(["emails", "default"], claimed.Select(t => t.Queue));
        Assert.Equal(low.Id, claimed[1].Id);
    }

    [Fact]
    public async Task Claim_TwoHandlesInParallel_NeverSameTask()
    {
        var store = await CreateStoreAsync();
        var other = OpenSecondHandle(store);
        for (var i = 0; i < 60; i++) await CreateAsync(store, NewTask());

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            (i % 2 == 0 ? store : other).ClaimAsync(NewClaim($"node-{i}", limit: 7), Ct))));

        var ids = claims.SelectMany(c => c.Select(t => t.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(60, ids.Count);
        Assert.All(claims.SelectMany(c => c), t => Assert.Equal(1, t.Attempt));
    }

    [Fact]
    public async Task CompleteAndClaim_WritesTheOutcomesThenClaimsTheNextTasks()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        var next = new[] { await CreateAsync(store, NewTask()), await CreateAsync(store, NewTask()) };

        var claimed = await store.CompleteAndClaimAsync([NewOutcome(running, TaskState.Completed)], NewClaim("node-b", now: T0.AddSeconds(31)), Ct);

        Assert.Equal(next.Select(t => t.Id), claimed.Select(t => t.Id));
        Assert.All(claimed, t => Assert.Equal((TaskState.Running, "node-b", 1), (t.Status, t.LeaseOwner, t.Attempt)));
        Assert.Equal(claimed[0], await GetAsync(store, next[0].Id));
        var done = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Completed, (string?)null), (done.Status, done.LeaseOwner));
        Assert.Equal("Done", (await LogsAsync(store, running.Id))[^1].Message);
        Assert.Equal("Started attempt 1 on node node-b", (await LogsAsync(store, next[1].Id))[^1].Message);
    }

    [Fact]
    public async Task CompleteAndClaim_StaleOutcome_ChangesNothingAndStillClaims()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        var stale = NewOutcome(running, TaskState.Completed) with { Attempt = running.Attempt + 1 };
        var pending = await CreateAsync(store, NewTask());

        var claimed = await store.CompleteAndClaimAsync([stale], NewClaim(), Ct);

        Assert.Equal([pending.Id], claimed.Select(t => t.Id));
        Assert.Equal(TaskState.Running, (await GetAsync(store, running.Id)).Status);
    }

    [Fact]
    public async Task CompleteAndClaim_EndingTheHolderOfAKey_FreesTheKeyForTheClaim()
    {
        var store = await CreateStoreAsync();
        var holder = await CreateRunningAsync(store, NewTask() with { ConcurrencyKey = "customer-1" });
        var waiting = await CreateAsync(store, NewTask() with { ConcurrencyKey = "customer-1" });
        var second = await CreateAsync(store, NewTask() with { ConcurrencyKey = "customer-1" });
        var free = await CreateAsync(store, NewTask());
        // While the holder runs, the key has no slot: only the task without a key is claimed.
        Assert.Equal([free.Id], (await store.ClaimAsync(NewClaim(), Ct)).Select(t => t.Id));

        var claimed = await store.CompleteAndClaimAsync([NewOutcome(holder, TaskState.Completed)], NewClaim(), Ct);

        // The claim sees the completion: one task with the key starts (its limit is 1), not two.
        Assert.Equal([waiting.Id], claimed.Select(t => t.Id));
        Assert.Equal(TaskState.Pending, (await GetAsync(store, second.Id)).Status);
    }

    [Fact]
    public async Task CompleteAndClaim_PausedQueue_NotClaimed()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await CreateAsync(store, NewTask() with { Queue = "held" });
        var other = await CreateAsync(store, NewTask());
        await store.UpdateQueueAsync(new UpdateQueueParams { Name = "held", Paused = true, Now = T0 }, Ct);

        var claimed = await store.CompleteAndClaimAsync([NewOutcome(running, TaskState.Completed)], NewClaim(), Ct);

        Assert.Equal([other.Id], claimed.Select(t => t.Id));
    }
}
