namespace Tasklane.Conformance;

/// <summary>Creating a batch of tasks: one transaction, all or none, in order, each with its first log line.</summary>
public abstract class TaskStoreBatchConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task CreateTasks_Batch_InsertedInOrderWithTheirColumnsAndLogLines()
    {
        var store = await CreateStoreAsync();
        var batch = Enumerable.Range(0, 300).Select(i => NewTask() with
        {
            Data = $$"""{"row":{{i}}}""",
            ObjectType = "row",
            ObjectId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Priority = i % 3 == 0 ? TaskPriority.High : TaskPriority.Normal,
            RunAt = T0.AddSeconds(i),
            TimeoutSeconds = i % 2 == 0 ? 30 : null,
            LogMessage = $"Created {i}",
        }).ToList();

        var results = await store.CreateTasksAsync(batch, Ct);

        Assert.Equal(300, results.Count);
        Assert.All(results, r => Assert.True(r.Created));
        for (var i = 0; i < batch.Count; i++)
        {
            var row = await GetAsync(store, results[i].Task.Id);
            Assert.Equal(results[i].Task, row);
            Assert.Equal(batch[i].ObjectId, row.ObjectId);
            Assert.Equal(batch[i].Priority, row.Priority);
            Assert.Equal(batch[i].RunAt, row.RunAt);
            Assert.Equal(batch[i].TimeoutSeconds, row.TimeoutSeconds);
            Assert.Equal(TaskState.Pending, row.Status);
            Assert.Equal(7, row.CreatedById);
            Assert.Equal($"Created {i}", Assert.Single(await LogsAsync(store, row.Id)).Message);
        }
        Assert.Equal(results.Select(r => r.Task.Id).Order(), results.Select(r => r.Task.Id));
    }

    [Fact]
    public async Task CreateTasks_OneRowBreaksAConstraint_NothingInserted()
    {
        var store = await CreateStoreAsync();
        var batch = new[] { NewTask(), NewTask() with { Worker = null! }, NewTask() };

        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateTasksAsync(batch, Ct));

        Assert.Equal(0, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task CreateTasks_WithIdempotencyKeys_RepeatsReturnTheLiveTask()
    {
        var store = await CreateStoreAsync();
        var first = await CreateAsync(store, NewTask() with { IdempotencyKey = "a" });

        var results = await store.CreateTasksAsync([NewTask() with { IdempotencyKey = "a" }, NewTask() with { IdempotencyKey = "b" }, NewTask() with { IdempotencyKey = "b" }], Ct);

        Assert.Equal([false, true, false], results.Select(r => r.Created));
        Assert.Equal(first.Id, results[0].Task.Id);
        Assert.Equal(results[1].Task.Id, results[2].Task.Id);
    }

    [Fact]
    public async Task CreateTasks_Batch_Claimable()
    {
        var store = await CreateStoreAsync();
        await store.CreateTasksAsync([.. Enumerable.Range(0, 5).Select(_ => NewTask())], Ct);

        var claimed = await store.ClaimAsync(NewClaim(limit: 10), Ct);

        Assert.Equal(5, claimed.Count);
    }
    [Fact]
    public async Task CreateTask_ManyAtOnce_EachCallerGetsItsOwnTaskWithItsTimeAndLogLine()
    {
        var store = await CreateStoreAsync();
        var requests = Enumerable.Range(0, 64).Select(i => NewTask() with
        {
            ObjectType = "row",
            ObjectId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Now = T0.AddSeconds(i),
            LogMessage = $"Created {i}",
        }).ToList();

        var results = await Task.WhenAll(requests.Select(p => store.CreateTaskAsync(p, Ct)));

        Assert.Equal(64, results.Select(r => r.Task.Id).Distinct().Count());
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.True(results[i].Created);
            var row = await GetAsync(store, results[i].Task.Id);
            Assert.Equal(results[i].Task, row);
            Assert.Equal(requests[i].ObjectId, row.ObjectId);
            Assert.Equal(requests[i].Now, row.CreatedAt);
            var line = Assert.Single(await LogsAsync(store, row.Id));
            Assert.Equal($"Created {i}", line.Message);
            Assert.Equal(requests[i].Now, line.At);
        }
        Assert.Equal(64, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task CreateTask_ManyAtOnce_ShareTransactions()
    {
        var store = await CreateStoreAsync();

        // The first create is written at once; the others queue while it is, and go together in the next group (on a
        // store that groups creates: SQLite; PostgreSQL writes each alone).
        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => store.CreateTaskAsync(NewTask(), Ct)));

        var sql = (Tasklane.Storage.SqlTaskStore)store;
        Assert.Equal(sql.GroupsCreates, sql.GroupedCreates >= 1);
        Assert.Equal(64, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task CreateTask_OneOfManyAtOnceBreaksAConstraint_OnlyItFails()
    {
        var store = await CreateStoreAsync();
        var requests = Enumerable.Range(0, 20).Select(i => i == 10 ? NewTask() with { Worker = null! } : NewTask() with { ObjectId = $"ok-{i}" }).ToList();

        var creates = requests.Select(p => store.CreateTaskAsync(p, Ct)).ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => creates[10]);

        for (var i = 0; i < creates.Count; i++)
        {
            if (i == 10) continue;
            var created = await creates[i];
            Assert.Equal($"ok-{i}", (await GetAsync(store, created.Task.Id)).ObjectId);
        }
        // The group that failed left nothing behind: each task is there once.
        Assert.Equal(19, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task CreateTask_CancelledBeforeItsGroup_CreatesNothing()
    {
        var store = await CreateStoreAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateTaskAsync(NewTask(), cancelled.Token));

        Assert.Equal(0, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }
}
