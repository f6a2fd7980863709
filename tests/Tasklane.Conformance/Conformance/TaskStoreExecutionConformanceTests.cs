namespace Tasklane.Conformance;

/// <summary>The store contract for running tasks: outcomes, progress, heartbeats, rescue and release.</summary>
public abstract class TaskStoreExecutionConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task Complete_Completed_ProgressFullAndLeaseCleared()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await store.ReportAsync([new TaskReport { TaskId = running.Id, At = T0, HasProgress = true, Progress = 40, Message = "Working" }], Ct);

        await store.CompleteAsync([NewOutcome(running, TaskState.Completed, "Completed") with { Artifact = new TaskArtifact("a/1", "out.csv", 123) }], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Completed, 100.0, "Working"), (task.Status, task.Progress, task.Message));
        Assert.Equal(T0.AddSeconds(30), task.EndedAt);
        Assert.Equal(new TaskArtifact("a/1", "out.csv", 123), task.Artifact);
        Assert.Null(task.LeaseOwner);
        Assert.Null(task.LeaseExpiresAt);
        var line = (await LogsAsync(store, task.Id))[^1];
        Assert.Equal(("Completed", "info", TaskState.Completed, 100.0), (line.Message, line.Level, line.Status, line.Progress));
    }

    [Fact]
    public async Task Complete_Failed_ErrorAndStackTraceKept()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);

        await store.CompleteAsync([NewOutcome(running, TaskState.Failed, "Failed: boom") with { Error = "boom", StackTrace = "at Worker.Run()" }], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Failed, "boom", "at Worker.Run()"), (task.Status, task.Error, task.StackTrace));
        Assert.NotNull(task.EndedAt);
        Assert.Null(task.LeaseOwner);
        Assert.Equal(("error", "Failed: boom"), ((await LogsAsync(store, task.Id))[^1].Level, (await LogsAsync(store, task.Id))[^1].Message));
    }

    [Fact]
    public async Task Complete_PendingRetry_DueAtRunAtWithErrorShown()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        var retryAt = T0.AddMinutes(2);

        await store.CompleteAsync([NewOutcome(running, TaskState.Pending, "Retrying") with { RunAt = retryAt, Error = "flaky" }], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Pending, retryAt, "flaky", 1), (task.Status, task.RunAt, task.Error, task.Attempt));
        Assert.Null(task.EndedAt);
        Assert.Null(task.LeaseOwner);
        Assert.Empty(await store.ClaimAsync(NewClaim(now: retryAt.AddSeconds(-1)), Ct));
        Assert.Equal(2, Assert.Single(await store.ClaimAsync(NewClaim(now: retryAt), Ct)).Attempt);
    }

    [Fact]
    public async Task Complete_AfterAFailedAttempt_ErrorClearedAndKeptInTheLog()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await store.CompleteAsync([NewOutcome(running, TaskState.Pending, "Attempt 1 failed: flaky") with { RunAt = T0, Error = "flaky", StackTrace = "at X" }], Ct);
        var second = Assert.Single(await store.ClaimAsync(NewClaim(now: T0.AddMinutes(1)), Ct));

        await store.CompleteAsync([NewOutcome(second, TaskState.Completed)], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Completed, null, null), (task.Status, task.Error, task.StackTrace));
        Assert.Contains(await LogsAsync(store, task.Id), l => l.Message == "Attempt 1 failed: flaky");
    }

    [Fact]
    public async Task Complete_ManyInOneBatch_EachEndsWithItsOwnLogLine()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 50; i++) await CreateAsync(store, NewTask());
        var claimed = await store.ClaimAsync(NewClaim(limit: 50), Ct);

        await store.CompleteAsync([.. claimed.Select((t, i) => NewOutcome(t, i % 2 == 0 ? TaskState.Completed : TaskState.Failed, $"Done {t.Id}") with { Error = i % 2 == 0 ? null : "boom" })], Ct);

        for (var i = 0; i < claimed.Count; i++)
        {
            var task = await GetAsync(store, claimed[i].Id);
            Assert.Equal(i % 2 == 0 ? TaskState.Completed : TaskState.Failed, task.Status);
            Assert.Equal(i % 2 == 0 ? null : "boom", task.Error);
            Assert.Equal($"Done {task.Id}", (await LogsAsync(store, task.Id))[^1].Message);
        }
    }

    [Fact]
    public async Task Complete_Cancelled_EndsCancelled()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await store.CancelAsync(running.Id, T0, Ct);

        await store.CompleteAsync([NewOutcome(running, TaskState.Cancelled, "Cancelled")], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Cancelled, false), (task.Status, task.CancelRequested));
        Assert.NotNull(task.EndedAt);
    }

    [Fact]
    public async Task Complete_StaleOutcome_Ignored()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        var other = await CreateRunningAsync(store, NewTask("mail", "send"));
        var logCount = (await LogsAsync(store, running.Id)).Count;

        await store.CompleteAsync(
        [
            NewOutcome(running, TaskState.Completed) with { NodeId = "node-zombie" },
            NewOutcome(running, TaskState.Failed) with { Attempt = running.Attempt + 1 },
            NewOutcome(other, TaskState.Completed),
        ], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Running, "node-a"), (task.Status, task.LeaseOwner));
        Assert.Equal(logCount, (await LogsAsync(store, running.Id)).Count);
        Assert.Equal(TaskState.Completed, (await GetAsync(store, other.Id)).Status);
        await store.CompleteAsync([NewOutcome(other, TaskState.Failed)], Ct);
        Assert.Equal(TaskState.Completed, (await GetAsync(store, other.Id)).Status);
    }

    [Fact]
    public async Task Report_Progress_RowUpdatedAndLogSnapshot()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);

        await store.ReportAsync(
        [
            new TaskReport { TaskId = running.Id, At = T0.AddSeconds(1), HasProgress = true, Progress = 46.15, Processed = 150, Total = 325, EtaSeconds = 12.5, Message = "Processing products..." },
            new TaskReport { TaskId = running.Id, At = T0.AddSeconds(2), LogLevel = "warning", LogMessage = "row 17 skipped" },
        ], Ct);

        var task = await GetAsync(store, running.Id);
        Assert.Equal((46.15, 150L, 325L, 12.5, "Processing products..."), (task.Progress, task.Processed!.Value, task.Total!.Value, task.EtaSeconds!.Value, task.Message));
        var line = (await LogsAsync(store, running.Id))[^1];
        Assert.Equal(("warning", "row 17 skipped", T0.AddSeconds(2)), (line.Level, line.Message, line.At));
        Assert.Equal((TaskState.Running, 46.15, 150L, 325L, 12.5), (line.Status, line.Progress, line.Processed!.Value, line.Total!.Value, line.EtaSeconds!.Value));
    }

    [Fact]
    public async Task Report_TaskNotRunning_ProgressIgnoredLogKept()
    {
        var store = await CreateStoreAsync();
        var pending = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));

        await store.ReportAsync([new TaskReport { TaskId = pending.Id, At = T0, HasProgress = true, Progress = 50, LogLevel = "info", LogMessage = "late line" }], Ct);

        Assert.Equal(0, (await GetAsync(store, pending.Id)).Progress);
        var line = (await LogsAsync(store, pending.Id))[^1];
        Assert.Equal(("late line", 0.0), (line.Message, line.Progress));
    }

    [Fact]
    public async Task Heartbeat_RunningTasks_LeasesRenewedAndCancelRequestsReturned()
    {
        var store = await CreateStoreAsync();
        var a = await CreateRunningAsync(store);
        var b = await CreateRunningAsync(store, NewTask("mail", "send"));
        var foreign = await CreateRunningAsync(store, NewTask("report", "run"), node: "node-b");
        await store.CancelAsync(b.Id, T0, Ct);

        var result = await store.HeartbeatAsync(new HeartbeatParams { Node = new NodeRow { Id = "node-a", Host = "h" }, LeaseExpiresAt = T0.AddMinutes(10) }, Ct);

        Assert.Equal([b.Id], result.CancelRequested);
        Assert.Equal(T0.AddMinutes(10), (await GetAsync(store, a.Id)).LeaseExpiresAt);
        Assert.Equal(T0.AddMinutes(10), (await GetAsync(store, b.Id)).LeaseExpiresAt);
        Assert.Equal(T0.AddMinutes(1), (await GetAsync(store, foreign.Id)).LeaseExpiresAt);
    }

    [Fact]
    public async Task Rescue_ExpiredLeaseWithAttemptsLeft_PendingAgain()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store, NewTask() with { MaxAttempts = 2 });
        var now = T0.AddMinutes(2);

        var rescued = await store.RescueAsync(new RescueParams { Now = now, Message = "Tasklane has lost track of the process" }, Ct);

        Assert.Equal([running.Id], rescued);
        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Pending, now, "Tasklane has lost track of the process"), (task.Status, task.RunAt, task.Error));
        Assert.Null(task.LeaseOwner);
        var line = (await LogsAsync(store, running.Id))[^1];
        Assert.Equal(("error", "Tasklane has lost track of the process", TaskState.Pending), (line.Level, line.Message, line.Status));
    }

    [Fact]
    public async Task Rescue_ExpiredLeaseAttemptsExhausted_Failed()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store, NewTask() with { MaxAttempts = 1 });

        var rescued = await store.RescueAsync(new RescueParams { Now = T0.AddMinutes(2), Message = "Tasklane has lost track of the process" }, Ct);

        Assert.Equal([running.Id], rescued);
        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Failed, "Tasklane has lost track of the process"), (task.Status, task.Error));
        Assert.Equal(T0.AddMinutes(2), task.EndedAt);
    }

    [Fact]
    public async Task Rescue_ExpiredLeaseCancelRequested_Cancelled()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store, NewTask() with { MaxAttempts = 3 });
        await store.CancelAsync(running.Id, T0, Ct);

        Assert.Equal([running.Id], await store.RescueAsync(new RescueParams { Now = T0.AddMinutes(2), Message = "lost" }, Ct));

        var task = await GetAsync(store, running.Id);
        Assert.Equal((TaskState.Cancelled, false), (task.Status, task.CancelRequested));
        Assert.NotNull(task.EndedAt);
    }

    [Fact]
    public async Task Rescue_LeaseNotExpired_Untouched()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);

        Assert.Empty(await store.RescueAsync(new RescueParams { Now = T0.AddSeconds(59), Message = "lost" }, Ct));
        Assert.Equal(TaskState.Running, (await GetAsync(store, running.Id)).Status);
    }

    [Fact]
    public async Task Release_OwnRunningTasks_PendingAttemptNotCounted()
    {
        var store = await CreateStoreAsync();
        var mine = await CreateRunningAsync(store);
        var theirs = await CreateRunningAsync(store, NewTask("mail", "send"), node: "node-b");
        var now = T0.AddSeconds(10);

        var released = await store.ReleaseAsync(new ReleaseParams { NodeId = "node-a", TaskIds = [mine.Id, theirs.Id], Now = now, Message = "Node shutting down" }, Ct);

        Assert.Equal(1, released);
        var task = await GetAsync(store, mine.Id);
        Assert.Equal((TaskState.Pending, 0, now), (task.Status, task.Attempt, task.RunAt));
        Assert.Null(task.LeaseOwner);
        var line = (await LogsAsync(store, mine.Id))[^1];
        Assert.Equal(("warning", "Node shutting down"), (line.Level, line.Message));
        Assert.Equal(TaskState.Running, (await GetAsync(store, theirs.Id)).Status);
    }
}
