namespace Tasklane.Conformance;

/// <summary>The store contract for statistics and per-queue counts; every store derives from it.</summary>
public abstract class TaskStoreStatsConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task GetStats_MixedTasks_CountsWorkersAndBuckets()
    {
        var store = await CreateStoreAsync();
        var done = await CreateRunningAsync(store, NewTask("report", "export"));
        await store.CompleteAsync([NewOutcome(done, TaskState.Completed)], Ct);
        var failed = await CreateRunningAsync(store, NewTask("mail", "send") with { Now = T0.AddHours(2) });
        await store.CompleteAsync([NewOutcome(failed, TaskState.Failed) with { Error = "boom" }], Ct);
        await CreateAsync(store, NewTask("mail", "send", runAt: T0.AddDays(1)) with { Now = T0.AddHours(2), CreatedById = 8 });
        await CreateAsync(store, NewTask() with { Now = T0.AddDays(5) });

        var stats = await store.GetStatsAsync(new StatsParams { From = T0, To = T0.AddDays(1), Bucket = TimeSpan.FromHours(1) }, Ct);

        Assert.Equal(1, stats.Counts[TaskState.Completed]);
        Assert.Equal(1, stats.Counts[TaskState.Failed]);
        Assert.Equal(1, stats.Counts[TaskState.Pending]);
        Assert.Equal(0, stats.Counts[TaskState.Running]);
        Assert.Equal(30_000, stats.AvgDurationMs);
        Assert.Equal(["mail", "report"], stats.Workers.Select(w => w.Worker));
        var mail = stats.Workers[0];
        Assert.Equal((2L, 0L, 1L), (mail.Created, mail.Completed, mail.Failed));
        Assert.Null(mail.AvgDurationMs);
        Assert.Equal(T0, stats.Workers[1].LastRunAt);
        Assert.Equal([T0, T0.AddHours(2)], stats.Buckets.Select(b => b.Start));
        Assert.Equal((1L, 1L, 0L), (stats.Buckets[0].Created, stats.Buckets[0].Completed, stats.Buckets[0].Failed));
        Assert.Equal((2L, 0L, 1L), (stats.Buckets[1].Created, stats.Buckets[1].Completed, stats.Buckets[1].Failed));

        var mine = await store.GetStatsAsync(new StatsParams { From = T0, To = T0.AddDays(1), Bucket = TimeSpan.FromDays(1), VisibleTo = 8 }, Ct);
        Assert.Equal(1, mine.Counts.Values.Sum());
        Assert.Equal([T0], mine.Buckets.Select(b => b.Start));
    }

    [Fact]
    public async Task Subtasks_CountedAsTheirOwnFigureInStatsAndQueues_WhileTheListLeavesThemOut()
    {
        var store = await CreateStoreAsync();
        var parent = await CreateRunningAsync(store);
        await store.CreateSubtasksAsync(parent.Id,
            [new SubtaskParams { Task = NewTask(action: "a") with { Name = "a" } }, new SubtaskParams { Task = NewTask(action: "b") with { Name = "b" } }], Ct);
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));

        var stats = await store.GetStatsAsync(new StatsParams { From = T0, To = T0.AddDays(1), Bucket = TimeSpan.FromHours(1) }, Ct);
        var hidden = await store.GetStatsAsync(new StatsParams { From = T0, To = T0.AddDays(1), Bucket = TimeSpan.FromHours(1), VisibleTo = 8 }, Ct);
        var queues = await store.CountByQueueAsync(null, Ct);
        var list = await store.ListTasksAsync(new TaskQuery(), Ct);

        // The rule: counts take in subtasks, and say how many of them are subtasks; lists show top-level tasks.
        Assert.Equal(4, stats.Counts.Values.Sum());
        Assert.Equal(2, stats.SubtaskCounts[TaskState.Pending]);
        Assert.Equal(2, stats.SubtaskCounts.Values.Sum());
        Assert.Equal(list.Total, stats.Counts.Values.Sum() - stats.SubtaskCounts.Values.Sum());
        Assert.Equal(0, hidden.SubtaskCounts.Values.Sum());
        Assert.Contains(new QueueCount("default", TaskState.Pending, 2, Subtask: true), queues);
        Assert.Contains(new QueueCount("default", TaskState.Pending, 1), queues);
        Assert.Contains(new QueueCount("default", TaskState.Running, 1), queues);
    }

    [Fact]
    public async Task GetStats_RangeOffTheHour_DailyBucketsAndOwnTasksMatchTheTasks()
    {
        var store = await CreateStoreAsync();
        // A task every 50 minutes over three days, a third of them by user 8: with a range that starts and ends off the
        // hour, many hours are cut by an end or by a bucket boundary and are read from the tasks, the rest from the rollup.
        var created = Enumerable.Range(0, 90)
            .Select(i => (At: T0.AddMinutes(i * 50 + 7), By: i % 3 == 0 ? 8L : (long?)null))
            .ToList();
        await store.CreateTasksAsync([.. created.Select(c => NewTask("report", "export", runAt: c.At.AddDays(10)) with { Now = c.At, CreatedById = c.By })], Ct);
        var from = T0.AddMinutes(17);
        var to = T0.AddDays(3).AddMinutes(5);

        foreach (var visibleTo in new long?[] { null, 8 })
        {
            var stats = await store.GetStatsAsync(new StatsParams { From = from, To = to, Bucket = TimeSpan.FromDays(1), VisibleTo = visibleTo }, Ct);

            var expected = created
                .Where(c => c.At >= from && c.At <= to && (visibleTo is null || c.By == visibleTo))
                .GroupBy(c => from.AddDays(Math.Floor((c.At - from).TotalDays)))
                .OrderBy(g => g.Key)
                .Select(g => (g.Key, (long)g.Count()))
                .ToList();
            Assert.Equal(expected, stats.Buckets.Select(b => (b.Start, b.Created)));
            Assert.Equal(expected.Sum(e => e.Item2), stats.Counts[TaskState.Pending]);
            Assert.Equal(expected.Sum(e => e.Item2), Assert.Single(stats.Workers).Created);
        }
    }

    [Fact]
    public async Task GetStats_EmptyRange_ZeroCounts()
    {
        var store = await CreateStoreAsync();
        await CreateAsync(store, NewTask());

        var stats = await store.GetStatsAsync(new StatsParams { From = T0.AddDays(1), To = T0.AddDays(2), Bucket = TimeSpan.FromHours(1) }, Ct);

        Assert.All(Enum.GetValues<TaskState>(), s => Assert.Equal(0, stats.Counts[s]));
        Assert.Null(stats.AvgDurationMs);
        Assert.Empty(stats.Workers);
        Assert.Empty(stats.Buckets);
    }

    [Fact]
    public async Task CountByQueue_TasksInQueues_CountsByStatus()
    {
        var store = await CreateStoreAsync();
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { Queue = "emails", CreatedById = 8 });
        await CreateRunningAsync(store, NewTask() with { Queue = "emails" });

        var all = await store.CountByQueueAsync(null, Ct);
        var mine = await store.CountByQueueAsync(8, Ct);

        Assert.Contains(new QueueCount("default", TaskState.Pending, 1), all);
        Assert.Contains(new QueueCount("emails", TaskState.Pending, 1), all);
        Assert.Contains(new QueueCount("emails", TaskState.Running, 1), all);
        Assert.Equal(3, all.Count);
        Assert.Equal([new QueueCount("emails", TaskState.Pending, 1)], mine);
    }
}
