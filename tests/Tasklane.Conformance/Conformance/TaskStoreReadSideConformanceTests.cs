namespace Tasklane.Conformance;

/// <summary>
/// The store contract for the read side at scale: filters combined with visibility, the capped total, the keyset
/// cursor, search through the text index, and counters and statistics kept by the store equal to a direct count.
/// </summary>
public abstract class TaskStoreReadSideConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task ListTasks_EachFilterWithVisibility_MatchesOnlyOwnRows()
    {
        var store = await CreateStoreAsync();
        var mine = await CreateAsync(store, NewTask("mail", "send", runAt: T0.AddDays(1)) with
        {
            Queue = "emails", CreatedById = 8, CreatedByName = "Bob", ObjectType = "vm", ObjectId = "1", Now = T0.AddHours(1),
        });
        var theirs = await CreateAsync(store, NewTask("mail", "send", runAt: T0.AddDays(1)) with
        {
            Queue = "emails", ObjectType = "vm", ObjectId = "1", Now = T0.AddHours(1),
        });

        async Task<long[]> Ids(TaskQuery q) => [.. (await store.ListTasksAsync(q with { VisibleTo = 8 }, Ct)).Items.Select(t => t.Id)];

        foreach (var query in new[]
        {
            new TaskQuery { Status = TaskState.Pending }, new TaskQuery { Worker = "mail" }, new TaskQuery { Action = "send" },
            new TaskQuery { Queue = "emails" }, new TaskQuery { ObjectType = "vm", ObjectId = "1" }, new TaskQuery { User = "bo" },
            new TaskQuery { Category = TaskCategory.User }, new TaskQuery { From = T0, To = T0.AddHours(2) }, new TaskQuery { Search = "mail" },
            new TaskQuery { Search = "se" },
        })
        {
            Assert.Equal([mine.Id], await Ids(query));
        }
        Assert.Empty(await Ids(new TaskQuery { Id = theirs.Id }));
    }

    [Fact]
    public async Task ListTasks_MoreThanTheCountLimit_TotalCapped()
    {
        var store = await CreateStoreAsync();
        await CreateManyAsync(store, TaskPage.CountLimit + 5);

        var all = await store.ListTasksAsync(new TaskQuery { PageSize = 5 }, Ct);
        var few = await store.ListTasksAsync(new TaskQuery { PageSize = 5, Search = "needle" }, Ct);
        var many = await store.ListTasksAsync(new TaskQuery { PageSize = 5, Search = "produc" }, Ct);

        Assert.Equal((TaskPage.CountLimit, true), (all.Total, all.TotalCapped));
        Assert.Equal(5, all.Items.Count);
        Assert.Equal((3L, false), (few.Total, few.TotalCapped));
        Assert.Equal((TaskPage.CountLimit, true), (many.Total, many.TotalCapped));
        Assert.Equal(all.Items.Select(t => t.Id), many.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasks_AfterId_WalksEveryRowOnceNewestFirst()
    {
        var store = await CreateStoreAsync();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++) ids.Add((await CreateAsync(store, NewTask() with { Now = T0.AddMinutes(i) })).Id);

        foreach (var timeRange in new[] { false, true })
        {
            var seen = new List<long>();
            long? after = null;
            while (true)
            {
                var query = new TaskQuery { PageSize = 3, AfterId = after, From = timeRange ? T0 : null };
                var page = await store.ListTasksAsync(query, Ct);
                seen.AddRange(page.Items.Select(t => t.Id));
                if (page.Items.Count < 3) break;
                after = page.Items[^1].Id;
            }
            Assert.Equal(Enumerable.Reverse(ids), seen);
        }
        var deep = await store.ListTasksAsync(new TaskQuery { PageSize = 3, Current = 2 }, Ct);
        Assert.Equal([ids[3], ids[2], ids[1]], deep.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task ListTasks_SearchMatchingInEveryBranch_PagesAndCursorWalkAllMatchesNewestFirst()
    {
        var store = await CreateStoreAsync();
        var later = T0.AddDays(1);
        var matching = new List<long>();
        for (var i = 0; i < 15; i++)
        {
            var at = T0.AddMinutes(i);
            await CreateAsync(store, NewTask(runAt: later) with { Now = at });
            var p = NewTask(runAt: later) with { Now = at };
            switch (i % 5)
            {
                case 0:
                    matching.Add((await CreateAsync(store, p with { Worker = "zeta-mail" })).Id);
                    break;
                case 1:
                    matching.Add((await CreateAsync(store, p with { Action = "send_zeta" })).Id);
                    break;
                case 2:
                    matching.Add((await CreateAsync(store, p with { Data = """{"tag":"zeta"}""" })).Id);
                    break;
                case 3:
                    var reporting = await CreateRunningAsync(store, p with { Worker = "report", RunAt = T0 });
                    await store.ReportAsync([new TaskReport { TaskId = reporting.Id, At = at, Message = "Zeta step" }], Ct);
                    matching.Add(reporting.Id);
                    break;
                default:
                    var failing = await CreateRunningAsync(store, p with { Worker = "report", RunAt = T0 });
                    await store.CompleteAsync([NewOutcome(failing, TaskState.Failed) with { Error = "zeta broke" }], Ct);
                    matching.Add(failing.Id);
                    break;
            }
        }
        matching.Reverse();

        var search = new TaskQuery { Search = "zeta", PageSize = 2 };
        foreach (var query in new[] { search, search with { VisibleTo = 7 }, search with { From = T0 } })
        {
            var byPage = new List<long>();
            for (var current = 1; current <= 8; current++)
            {
                var page = await store.ListTasksAsync(query with { Current = current }, Ct);
                Assert.Equal((15L, false), (page.Total, page.TotalCapped));
                byPage.AddRange(page.Items.Select(t => t.Id));
            }
            var byCursor = new List<long>();
            long? after = null;
            while (true)
            {
                var page = await store.ListTasksAsync(query with { AfterId = after }, Ct);
                byCursor.AddRange(page.Items.Select(t => t.Id));
                if (page.Items.Count < 2) break;
                after = page.Items[^1].Id;
            }
            Assert.Equal(matching, byPage);
            Assert.Equal(matching, byCursor);
        }
    }

    [Fact]
    public async Task Bulk_BySearchInChunks_ActsOnEveryMatchOnce()
    {
        var store = await CreateStoreAsync();
        var later = T0.AddDays(1);
        var matching = new List<long>();
        var others = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            others.Add((await CreateAsync(store, NewTask(runAt: later))).Id);
            var p = NewTask(runAt: later);
            matching.Add((await CreateAsync(store, (i % 3) switch
            {
                0 => p with { Worker = "zeta-mail" },
                1 => p with { Action = "send_zeta" },
                _ => p with { Data = """{"tag":"zeta"}""" },
            })).Id);
        }

        var result = await store.BulkAsync(new TaskBulkParams
        {
            Action = TaskBulkAction.Execute, Filter = new TaskQuery { Search = "zeta" }, Now = T0, ChunkSize = 2,
        }, Ct);

        // Executed tasks still match, so each chunk must start below the last one (the cursor inside the search).
        Assert.Equal((7L, 7L), (result.Matched, result.Changed));
        foreach (var id in matching) Assert.Equal(T0, (await GetAsync(store, id)).RunAt);
        foreach (var id in others) Assert.Equal(later, (await GetAsync(store, id)).RunAt);
    }

    [Fact]
    public async Task ListTasks_SearchThroughIndex_MatchesSubstringsIgnoringCase()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store, NewTask("report", "export_pdf"));
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await store.ReportAsync([new TaskReport { TaskId = running.Id, At = T0, HasProgress = true, Progress = 5, Message = "Copying \"big\" file 100%" }], Ct);

        async Task<long[]> Ids(string search) => [.. (await store.ListTasksAsync(new TaskQuery { Search = search }, Ct)).Items.Select(t => t.Id)];

        Assert.Equal([running.Id], await Ids("PORT_P"));
        Assert.Equal([running.Id], await Ids("\"big\""));
        Assert.Equal([running.Id], await Ids("100%"));
        Assert.Empty(await Ids("Copying big"));
        await store.ReportAsync([new TaskReport { TaskId = running.Id, At = T0, Message = "Other words" }], Ct);
        Assert.Empty(await Ids("copying"));
        Assert.Equal([running.Id], await Ids("other w"));
    }

    [Fact]
    public async Task Counters_AfterCompletesRetriesAndDeletes_EqualDirectCounts()
    {
        var store = await CreateStoreAsync();
        var done = await CreateRunningAsync(store, NewTask("report", "export"));
        await store.CompleteAsync([NewOutcome(done, TaskState.Completed)], Ct);
        var failed = await CreateRunningAsync(store, NewTask("mail", "send") with { Now = T0.AddMinutes(90), CreatedById = 8 });
        await store.CompleteAsync([NewOutcome(failed, TaskState.Failed) with { Error = "boom" }], Ct);
        await store.RetryAsync(failed.Id, T0.AddHours(2), Ct);
        var claimed = await store.ClaimAsync(NewClaim("node-b", limit: 100, now: T0.AddHours(2)), Ct);
        Assert.Equal([failed.Id], claimed.Select(t => t.Id));
        var late = await CreateRunningAsync(store, NewTask("mail", "send") with { Now = T0.AddMinutes(95) });
        await store.CompleteAsync([NewOutcome(late, TaskState.Completed) with { Now = T0.AddMinutes(100) }], Ct);
        await store.DeleteAsync(late.Id, T0.AddHours(3), Ct);
        var gone = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { Queue = "emails", Now = T0.AddMinutes(30) });
        await store.CancelAsync(gone.Id, T0, Ct);
        await store.DeleteAsync(gone.Id, T0, Ct);
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { Queue = "emails", Now = T0.AddMinutes(45) });

        var list = (await store.ListTasksAsync(new TaskQuery { PageSize = 200 }, Ct)).Items;
        var byStatus = await store.CountByStatusAsync(null, Ct);
        foreach (var state in Enum.GetValues<TaskState>()) Assert.Equal(list.Count(t => t.Status == state), byStatus[state]);
        var byQueue = await store.CountByQueueAsync(null, Ct);
        Assert.Equal(
            list.GroupBy(t => (t.Queue, t.Status)).Select(g => new QueueCount(g.Key.Queue, g.Key.Status, g.Count())).OrderBy(q => q.Queue).ThenBy(q => q.Status),
            byQueue.OrderBy(q => q.Queue).ThenBy(q => q.Status));

        // Ranges that start on the hour, inside an hour, and cut hours with their buckets; the rollup and the tasks agree.
        foreach (var (from, to, bucket) in new[]
        {
            (T0, T0.AddDays(1), TimeSpan.FromHours(1)), (T0.AddMinutes(20), T0.AddHours(5), TimeSpan.FromHours(1)),
            (T0.AddMinutes(-7), T0.AddDays(3), TimeSpan.FromDays(1)), (T0.AddHours(-30), T0.AddMinutes(95), TimeSpan.FromDays(1)),
        })
        {
            var stats = await store.GetStatsAsync(new StatsParams { From = from, To = to, Bucket = bucket }, Ct);
            var inRange = list.Where(t => t.CreatedAt >= from && t.CreatedAt <= to).ToList();
            foreach (var state in Enum.GetValues<TaskState>()) Assert.Equal(inRange.Count(t => t.Status == state), stats.Counts[state]);
            var runs = inRange.Where(t => t.Status == TaskState.Completed && t.StartedAt is not null && t.EndedAt is not null).ToList();
            Assert.Equal(runs.Count == 0 ? null : runs.Average(t => (t.EndedAt!.Value - t.StartedAt!.Value).TotalMilliseconds), stats.AvgDurationMs);
            Assert.Equal(inRange.Select(t => t.Worker).Distinct().Order(StringComparer.Ordinal), stats.Workers.Select(w => w.Worker));
            foreach (var w in stats.Workers)
            {
                var rows = inRange.Where(t => t.Worker == w.Worker).ToList();
                Assert.Equal((rows.Count, rows.Count(t => t.Status == TaskState.Completed), rows.Count(t => t.Status == TaskState.Failed)), ((int)w.Created, (int)w.Completed, (int)w.Failed));
                Assert.Equal(rows.Max(t => t.StartedAt), w.LastRunAt);
            }
            var series = inRange.GroupBy(t => (long)Math.Floor((t.CreatedAt - from).TotalMilliseconds / bucket.TotalMilliseconds)).OrderBy(g => g.Key)
                .Select(g => (from.AddMilliseconds(g.Key * bucket.TotalMilliseconds), (long)g.Count(), (long)g.Count(t => t.Status == TaskState.Completed), (long)g.Count(t => t.Status == TaskState.Failed)));
            Assert.Equal(series, stats.Buckets.Select(b => (b.Start, b.Created, b.Completed, b.Failed)));
        }
    }

    private static async Task CreateManyAsync(ITaskStore store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var p = NewTask() with { RunAt = T0.AddDays(1) };
            await store.CreateTaskAsync(i < 3 ? p with { Worker = "needle" } : p, Ct);
        }
    }
}
