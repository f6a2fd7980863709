namespace Tasklane.Conformance;

/// <summary>The store contract for creating, reading and steering tasks; every store derives from it.</summary>
public abstract class TaskStoreConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task CreateTask_NewTask_StoredAsPendingWithFirstLogLine()
    {
        var store = await CreateStoreAsync();
        var p = NewTask() with { Priority = TaskPriority.High, TimeoutSeconds = 90, ObjectType = "vm", ObjectId = "vm-1", IpAddress = "10.0.0.1" };

        var result = await store.CreateTaskAsync(p, Ct);

        Assert.True(result.Created);
        var task = await GetAsync(store, result.Task.Id);
        Assert.Equal(result.Task, task);
        Assert.Equal(("product", "import", TaskState.Pending, TaskPriority.High), (task.Worker, task.Action, task.Status, task.Priority));
        Assert.Equal("""{"file":"products.csv"}""", task.Data);
        Assert.Equal((0, 0, 3, 90), (task.Attempt, task.AttemptBase, task.MaxAttempts, task.TimeoutSeconds));
        Assert.Equal((T0, T0, T0), (task.RunAt, task.CreatedAt, task.UpdatedAt));
        Assert.Equal(TimeSpan.Zero, task.CreatedAt.Offset);
        Assert.Equal((7L, "Alice", "vm", "vm-1", "10.0.0.1"), (task.CreatedById!.Value, task.CreatedByName, task.ObjectType, task.ObjectId, task.IpAddress));
        Assert.Null(task.LeaseOwner);
        var line = Assert.Single(await LogsAsync(store, task.Id));
        Assert.Equal(("info", "Created", TaskState.Pending, T0), (line.Level, line.Message, line.Status, line.At));
    }

    [Fact]
    public async Task CreateTask_SameIdempotencyKey_ReturnsExistingTask()
    {
        var store = await CreateStoreAsync();
        var first = await store.CreateTaskAsync(NewTask() with { IdempotencyKey = "order-42" }, Ct);

        var second = await store.CreateTaskAsync(NewTask("mail", "send") with { IdempotencyKey = "order-42" }, Ct);

        Assert.False(second.Created);
        Assert.Equal(first.Task.Id, second.Task.Id);
        Assert.Equal("product", second.Task.Worker);
        Assert.Single(await LogsAsync(store, first.Task.Id));
        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task CreateTask_ConcurrentSameIdempotencyKey_CreatesOneRow()
    {
        var store = await CreateStoreAsync();
        var other = OpenSecondHandle(store);
        var p = NewTask() with { IdempotencyKey = "same" };

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? store : other).CreateTaskAsync(p, Ct))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Task.Id).Distinct());
        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task CreateTask_KeyOfDeletedTask_CreatesNewTask()
    {
        var store = await CreateStoreAsync();
        var first = await CreateAsync(store, NewTask() with { IdempotencyKey = "k" });
        await store.DeleteAsync(first.Id, T0, Ct);

        var second = await store.CreateTaskAsync(NewTask() with { IdempotencyKey = "k" }, Ct);

        Assert.True(second.Created);
        Assert.NotEqual(first.Id, second.Task.Id);
    }

    [Fact]
    public async Task GetTask_Missing_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetTaskAsync(12345, Ct));
    }

    [Fact]
    public async Task Cancel_Pending_CancelledAtOnce()
    {
        var store = await CreateStoreAsync();
        var task = await CreateAsync(store, NewTask());

        var result = await store.CancelAsync(task.Id, T0.AddSeconds(5), Ct);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        Assert.Equal((TaskState.Cancelled, T0.AddSeconds(5)), (result.Task!.Status, result.Task.EndedAt!.Value));
        var line = (await LogsAsync(store, task.Id))[^1];
        Assert.Equal(("Cancelled", TaskState.Cancelled), (line.Message, line.Status));
    }

    [Fact]
    public async Task Cancel_Running_RequestsCancellation()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);

        var result = await store.CancelAsync(running.Id, T0.AddSeconds(5), Ct);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        Assert.Equal((TaskState.Running, true), (result.Task!.Status, result.Task.CancelRequested));
        Assert.Equal("Cancellation requested", (await LogsAsync(store, running.Id))[^1].Message);
    }

    [Fact]
    public async Task Cancel_Completed_WrongState()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await store.CompleteAsync([NewOutcome(running, TaskState.Completed)], Ct);

        var result = await store.CancelAsync(running.Id, T0.AddSeconds(60), Ct);

        Assert.Equal(TransitionOutcome.WrongState, result.Outcome);
        Assert.Equal(TaskState.Completed, result.Task!.Status);
    }

    [Fact]
    public async Task Transitions_MissingTask_NotFound()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(TransitionOutcome.NotFound, (await store.CancelAsync(999, T0, Ct)).Outcome);
        Assert.Equal(TransitionOutcome.NotFound, (await store.RetryAsync(999, T0, Ct)).Outcome);
        Assert.Equal(TransitionOutcome.NotFound, (await store.ExecuteNowAsync(999, T0, Ct)).Outcome);
        Assert.Equal(TransitionOutcome.NotFound, (await store.DeleteAsync(999, T0, Ct)).Outcome);
    }

    [Fact]
    public async Task Retry_Failed_PendingWithFreshBudget()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store, NewTask() with { MaxAttempts = 1 });
        await store.CompleteAsync([NewOutcome(running, TaskState.Failed) with { Error = "boom", StackTrace = "at X" }], Ct);
        var now = T0.AddMinutes(5);

        var result = await store.RetryAsync(running.Id, now, Ct);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        var task = result.Task!;
        Assert.Equal((TaskState.Pending, now, 1, 1), (task.Status, task.RunAt, task.Attempt, task.AttemptBase));
        Assert.False(task.AttemptsExhausted);
        Assert.Null(task.EndedAt);
        Assert.Equal("boom", task.Error);
        Assert.Equal("Retried by operator", (await LogsAsync(store, task.Id))[^1].Message);
        var again = Assert.Single(await store.ClaimAsync(NewClaim(now: now), Ct));
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public async Task Retry_Pending_WrongState()
    {
        var store = await CreateStoreAsync();
        var task = await CreateAsync(store, NewTask());

        Assert.Equal(TransitionOutcome.WrongState, (await store.RetryAsync(task.Id, T0, Ct)).Outcome);
    }

    [Fact]
    public async Task ExecuteNow_DelayedTask_DueNow()
    {
        var store = await CreateStoreAsync();
        var task = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));

        var result = await store.ExecuteNowAsync(task.Id, T0.AddSeconds(1), Ct);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        Assert.Equal(T0.AddSeconds(1), result.Task!.RunAt);
        Assert.Equal("Execution requested now", (await LogsAsync(store, task.Id))[^1].Message);
        Assert.Single(await store.ClaimAsync(NewClaim(now: T0.AddSeconds(1)), Ct));
    }

    [Fact]
    public async Task ExecuteNow_AlreadyDue_DoneWithoutChange()
    {
        var store = await CreateStoreAsync();
        var task = await CreateAsync(store, NewTask());

        var result = await store.ExecuteNowAsync(task.Id, T0.AddSeconds(1), Ct);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        Assert.Equal(T0, result.Task!.RunAt);
    }

    [Fact]
    public async Task ExecuteNow_Running_WrongState()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);

        Assert.Equal(TransitionOutcome.WrongState, (await store.ExecuteNowAsync(running.Id, T0, Ct)).Outcome);
    }

    [Fact]
    public async Task Delete_Running_WrongState()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);

        var result = await store.DeleteAsync(running.Id, T0, Ct);

        Assert.Equal(TransitionOutcome.WrongState, result.Outcome);
        Assert.NotNull(await store.GetTaskAsync(running.Id, Ct));
    }

    [Fact]
    public async Task Delete_Pending_HiddenEverywhere()
    {
        var store = await CreateStoreAsync();
        var task = await CreateAsync(store, NewTask());

        var result = await store.DeleteAsync(task.Id, T0, Ct);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        Assert.Equal("Deleted", (await LogsAsync(store, task.Id))[^1].Message);
        Assert.Null(await store.GetTaskAsync(task.Id, Ct));
        Assert.Equal(0, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
        Assert.Equal(0, (await store.CountByStatusAsync(null, Ct)).Values.Sum());
        Assert.Empty(await store.ClaimAsync(NewClaim(), Ct));
        Assert.Equal(TransitionOutcome.NotFound, (await store.DeleteAsync(task.Id, T0, Ct)).Outcome);
    }

    [Fact]
    public async Task ProcessPending_DelayedTasks_DueNowOnlyVisible()
    {
        var store = await CreateStoreAsync();
        var mine = await CreateAsync(store, NewTask(runAt: T0.AddHours(1)));
        var theirs = await CreateAsync(store, NewTask(runAt: T0.AddHours(2)) with { CreatedById = 8 });
        await CreateAsync(store, NewTask());

        Assert.Equal(1, await store.ProcessPendingAsync(T0, visibleTo: 7, Ct));
        Assert.Equal(T0, (await GetAsync(store, mine.Id)).RunAt);
        Assert.Equal(T0.AddHours(2), (await GetAsync(store, theirs.Id)).RunAt);
        Assert.Equal(1, await store.ProcessPendingAsync(T0, visibleTo: null, Ct));
        Assert.Equal(T0, (await GetAsync(store, theirs.Id)).RunAt);
    }

    [Fact]
    public async Task NextDue_DelayedTasks_EarliestFutureRunAt()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.NextDueAsync(T0, Ct));
        await CreateAsync(store, NewTask());
        await CreateAsync(store, NewTask(runAt: T0.AddMinutes(9)));
        await CreateAsync(store, NewTask(runAt: T0.AddMinutes(3)));

        Assert.Equal(T0.AddMinutes(3), await store.NextDueAsync(T0, Ct));
    }

    [Fact]
    public async Task OldestDue_PendingDueTasks_EarliestRunAtOverallAndPerWorker()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.OldestDueAsync(T0, null, Ct));
        await CreateAsync(store, NewTask(runAt: T0.AddMinutes(-5)));
        await CreateAsync(store, NewTask(worker: "mail", action: "send", runAt: T0.AddMinutes(-2)));
        await CreateAsync(store, NewTask(worker: "mail", action: "send", runAt: T0.AddMinutes(4)));

        Assert.Equal(T0.AddMinutes(-5), await store.OldestDueAsync(T0, null, Ct));
        Assert.Equal(T0.AddMinutes(-2), await store.OldestDueAsync(T0, "mail", Ct));
        Assert.Null(await store.OldestDueAsync(T0, "report", Ct));
        Assert.Null(await store.OldestDueAsync(T0.AddMinutes(-10), null, Ct));
    }

    [Fact]
    public async Task Cleanup_OldCompletedAndDeleted_RemovedWithLogs()
    {
        var store = await CreateStoreAsync();
        var done = await CreateRunningAsync(store);
        await store.CompleteAsync([NewOutcome(done, TaskState.Completed) with { Artifact = new TaskArtifact("k1", "out.csv", 10) }], Ct);
        var deleted = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await store.DeleteAsync(deleted.Id, T0, Ct);
        var kept = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));

        var result = await store.CleanupAsync(new CleanupParams { CompletedBefore = T0.AddDays(1), DeletedBefore = T0.AddDays(1) }, Ct);

        Assert.Equal(2, result.Tasks);
        Assert.Equal(2 + 3, result.LogLines); // created+started+completed, created+deleted
        Assert.Equal(["k1"], result.ArtifactKeys);
        Assert.Equal([done.Id, deleted.Id], result.TaskIds.Order());
        Assert.Empty(await LogsAsync(store, done.Id));
        Assert.NotNull(await store.GetTaskAsync(kept.Id, Ct));
        var none = await store.CleanupAsync(new CleanupParams { CompletedBefore = T0.AddDays(1), DeletedBefore = T0.AddDays(1) }, Ct);
        Assert.Equal(0, none.Tasks);
    }

    [Fact]
    public async Task ListTasksWithFinalLogs_FinishedTasksWithLines_OthersLeftOut()
    {
        var store = await CreateStoreAsync();
        var completed = await CreateRunningAsync(store);
        await store.CompleteAsync([NewOutcome(completed, TaskState.Completed)], Ct);
        var cancelled = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await store.CancelAsync(cancelled.Id, T0, Ct);
        var running = await CreateRunningAsync(store);
        var pending = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));

        var ids = await store.ListTasksWithFinalLogsAsync(10, Ct);
        var first = await store.ListTasksWithFinalLogsAsync(1, Ct);

        Assert.Equal([completed.Id, cancelled.Id], ids);
        Assert.Equal([completed.Id], first);
        Assert.DoesNotContain(running.Id, ids);
        Assert.DoesNotContain(pending.Id, ids);
    }

    [Fact]
    public async Task DeleteLogs_UpToASeq_LaterLinesAndOtherTasksKept()
    {
        var store = await CreateStoreAsync();
        var done = await CreateRunningAsync(store);
        await store.CompleteAsync([NewOutcome(done, TaskState.Failed, "Failed")], Ct);
        var finished = await CreateRunningAsync(store, node: "node-b");
        await store.CompleteAsync([NewOutcome(finished, TaskState.Completed)], Ct);
        var other = await CreateRunningAsync(store);
        var lines = await LogsAsync(store, done.Id);
        var finishedLines = await LogsAsync(store, finished.Id);
        await store.RetryAsync(done.Id, T0.AddMinutes(1), Ct);
        var retried = await LogsAsync(store, done.Id);

        var removed = await store.DeleteLogsAsync([new LogCut(done.Id, lines[^1].Seq), new LogCut(finished.Id, finishedLines[^1].Seq)], Ct);

        Assert.Equal(lines.Count + finishedLines.Count, removed);
        Assert.Empty(await LogsAsync(store, finished.Id));
        Assert.Equal(0, await store.DeleteLogsAsync([], Ct));
        Assert.Equal(retried.Skip(lines.Count).Select(l => l.Seq), (await LogsAsync(store, done.Id)).Select(l => l.Seq));
        Assert.NotEmpty(retried.Skip(lines.Count));
        Assert.NotEmpty(await LogsAsync(store, other.Id));
        Assert.Empty(await store.ListTasksWithFinalLogsAsync(10, Ct));
    }

    [Fact]
    public async Task Cleanup_VisibleTo_RemovesOnlyThatUsersTasks()
    {
        var store = await CreateStoreAsync();
        var mine = await CreateRunningAsync(store, NewTask() with { CreatedById = 7 });
        await store.CompleteAsync([NewOutcome(mine, TaskState.Completed)], Ct);
        var theirs = await CreateRunningAsync(store, NewTask() with { CreatedById = 8 });
        await store.CompleteAsync([NewOutcome(theirs, TaskState.Completed)], Ct);

        var result = await store.CleanupAsync(new CleanupParams { CompletedBefore = T0.AddDays(1), DeletedBefore = T0.AddDays(1), VisibleTo = 7 }, Ct);

        Assert.Equal([mine.Id], result.TaskIds);
        Assert.Null(await store.GetTaskAsync(mine.Id, Ct));
        Assert.NotNull(await store.GetTaskAsync(theirs.Id, Ct));
    }

    [Fact]
    public async Task GetLogs_AfterSeq_PagesOldestFirst()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await store.ReportAsync([.. Enumerable.Range(1, 5).Select(i => new TaskReport
        {
            TaskId = running.Id, At = T0.AddSeconds(i), LogLevel = "info", LogMessage = $"line {i}",
        })], Ct);

        var first = await store.GetLogsAsync(running.Id, 0, 3, Ct);
        var rest = await store.GetLogsAsync(running.Id, first[^1].Seq, 100, Ct);

        Assert.Equal(["Created", "Started attempt 1 on node node-a", "line 1"], first.Select(l => l.Message));
        Assert.Equal(["line 2", "line 3", "line 4", "line 5"], rest.Select(l => l.Message));
        Assert.True(rest.Zip(rest.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq));
        Assert.Empty(await store.GetLogsAsync(running.Id, rest[^1].Seq, 100, Ct));
    }
}
