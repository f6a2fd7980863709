namespace Tasklane.Conformance;

/// <summary>The worker registry and schedules: upserts, activation, settings, and ticks that fire once.</summary>
public abstract class TaskStoreRegistryConformanceTests : TaskStoreConformanceBase
{
    private static WorkerRow Worker(string id, string title = "Products", params string[] actions) => new()
    {
        Identifier = id, Title = title, Scope = "shop", Actions = actions.Length == 0 ? ["import"] : actions,
    };

    private static ScheduleRow Schedule(string id = "nightly", bool enabled = true, DateTimeOffset? next = null) => new()
    {
        Id = id, Name = "Nightly", Worker = "product", Action = "import", Spec = """{"kind":"cron","cron":"0 2 * * *"}""",
        Enabled = enabled, NextRunAt = next ?? T0, UpdatedAt = T0,
    };

    private static FireScheduleParams Fire(string id, DateTimeOffset tick, DateTimeOffset? next) => new()
    {
        ScheduleId = id, FireAt = tick, NextRunAt = next,
        Task = NewTask() with { Category = TaskCategory.System, ScheduleId = id, CreatedById = null, CreatedByName = null },
    };

    [Fact]
    public async Task UpsertWorkers_InsertOnly_RegistersNewAndLeavesKnownOnesAlone()
    {
        var store = await CreateStoreAsync();

        var first = await store.UpsertWorkersAsync([Worker("product"), Worker("mail", "Mail")], updateExisting: false, T0, Ct);
        var again = await store.UpsertWorkersAsync([Worker("product", "Renamed"), Worker("report", "Reports")], updateExisting: false, T0, Ct);

        Assert.Equal(2, first);
        Assert.Equal(1, again);
        var workers = await store.ListWorkersAsync(Ct);
        Assert.Equal(["mail", "product", "report"], workers.Select(w => w.Identifier));
        Assert.Equal("Products", workers.Single(w => w.Identifier == "product").Title);
    }

    [Fact]
    public async Task DeleteWorkers_WithSchedules_RemovesTheirSchedulesAndKeepsOthers()
    {
        var store = await CreateStoreAsync();
        await store.UpsertWorkersAsync([Worker("product"), Worker("mail", "Mail")], updateExisting: false, T0, Ct);
        await store.EnsureScheduleAsync(Schedule("product-nightly"), Ct);
        await store.EnsureScheduleAsync(Schedule("mail-hourly") with { Worker = "mail" }, Ct);
        await store.FireScheduleAsync(Fire("product-nightly", T0, T0.AddDays(1)), Ct);

        var deleted = await store.DeleteWorkersAsync(["product"], Ct);

        Assert.Equal(1, deleted);
        Assert.Equal(["mail"], (await store.ListWorkersAsync(Ct)).Select(w => w.Identifier));
        Assert.Equal(["mail-hourly"], (await store.ListSchedulesAsync(Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task UpsertWorkers_UpdateExisting_RefreshesMetadataButNotActiveOrSettings()
    {
        var store = await CreateStoreAsync();
        await store.UpsertWorkersAsync([Worker("product")], updateExisting: false, T0, Ct);
        await store.SetWorkerActiveAsync("product", false, T0, Ct);
        await store.SetWorkerSettingsAsync("product", """{"endpoint":"x"}""", T0, Ct);

        var unchanged = await store.UpsertWorkersAsync([Worker("product")], updateExisting: true, T0, Ct);
        var changed = await store.UpsertWorkersAsync([Worker("product", "Products v2", "import", "export"), Worker("unknown")], updateExisting: true, T0.AddMinutes(1), Ct);

        Assert.Equal(0, unchanged);
        Assert.Equal(1, changed);
        var row = await store.GetWorkerAsync("product", Ct);
        Assert.Equal("Products v2", row!.Title);
        Assert.Equal(["import", "export"], row.Actions);
        Assert.False(row.Active);
        Assert.Equal("""{"endpoint":"x"}""", row.Settings);
        Assert.Null(await store.GetWorkerAsync("unknown", Ct));
    }

    [Fact]
    public async Task ListWorkers_CountsLiveTasksPerWorker()
    {
        var store = await CreateStoreAsync();
        await store.UpsertWorkersAsync([Worker("product"), Worker("mail", "Mail")], updateExisting: false, T0, Ct);
        await CreateAsync(store, NewTask());
        var deleted = await CreateAsync(store, NewTask());
        await store.DeleteAsync(deleted.Id, T0, Ct);

        var workers = await store.ListWorkersAsync(Ct);

        Assert.Equal(1, workers.Single(w => w.Identifier == "product").TaskCount);
        Assert.Equal(0, workers.Single(w => w.Identifier == "mail").TaskCount);
    }

    [Fact]
    public async Task SetWorkerActiveAndDelete_UnknownWorker_ReportNothingDone()
    {
        var store = await CreateStoreAsync();
        await store.UpsertWorkersAsync([Worker("product")], updateExisting: false, T0, Ct);

        Assert.False(await store.SetWorkerActiveAsync("nope", false, T0, Ct));
        Assert.False(await store.SetWorkerSettingsAsync("nope", "{}", T0, Ct));
        Assert.Equal(1, await store.DeleteWorkersAsync(["product", "nope"], Ct));
        Assert.Empty(await store.ListWorkersAsync(Ct));
    }

    [Fact]
    public async Task EnsureSchedule_Existing_KeepsItsStoredStateAndEdits()
    {
        var store = await CreateStoreAsync();
        await store.EnsureScheduleAsync(Schedule(enabled: false), Ct);
        await store.UpdateScheduleAsync(new UpdateScheduleParams { Id = "nightly", Enabled = true, Spec = """{"kind":"manual"}""", NextRunAt = T0.AddHours(1), Now = T0 }, Ct);

        var again = await store.EnsureScheduleAsync(Schedule(enabled: false), Ct);

        Assert.True(again.Enabled);
        Assert.Equal("""{"kind":"manual"}""", again.Spec);
        Assert.Equal(T0.AddHours(1), again.NextRunAt);
        Assert.Single(await store.ListSchedulesAsync(Ct));
        Assert.Null(await store.UpdateScheduleAsync(new UpdateScheduleParams { Id = "nope", Now = T0 }, Ct));
    }

    [Fact]
    public async Task DueSchedules_OnlyEnabledWithATickAtOrBeforeNow()
    {
        var store = await CreateStoreAsync();
        await store.EnsureScheduleAsync(Schedule("due"), Ct);
        await store.EnsureScheduleAsync(Schedule("later", next: T0.AddMinutes(5)), Ct);
        await store.EnsureScheduleAsync(Schedule("off", enabled: false), Ct);

        var due = await store.DueSchedulesAsync(T0, Ct);

        Assert.Equal(["due"], due.Select(s => s.Id));
    }

    [Fact]
    public async Task FireSchedule_SameTickTwice_CreatesOneTask()
    {
        var store = await CreateStoreAsync();
        await store.EnsureScheduleAsync(Schedule(), Ct);

        var first = await store.FireScheduleAsync(Fire("nightly", T0, T0.AddDays(1)), Ct);
        var second = await OpenSecondHandle(store).FireScheduleAsync(Fire("nightly", T0, T0.AddDays(1)), Ct);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal("nightly", first!.ScheduleId);
        Assert.Equal(TaskCategory.System, first.Category);
        var schedule = await store.GetScheduleAsync("nightly", Ct);
        Assert.Equal((T0, first.Id, T0.AddDays(1)), (schedule!.LastRunAt!.Value, schedule.LastTaskId!.Value, schedule.NextRunAt!.Value));
        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
        Assert.Empty(await store.DueSchedulesAsync(T0, Ct));
    }

    [Fact]
    public async Task FireSchedule_ConcurrentNodes_EachTickFiresOnce()
    {
        var store = await CreateStoreAsync();
        var second = OpenSecondHandle(store);
        await store.EnsureScheduleAsync(Schedule(), Ct);

        var attempts = Enumerable.Range(0, 10).SelectMany(i => new[] { store, second }.Select(s =>
            s.FireScheduleAsync(Fire("nightly", T0.AddMinutes(i % 3), null), Ct)));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(3, results.Count(r => r is not null));
        Assert.Equal(3, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
    }

    [Fact]
    public async Task FireSchedule_KeepNextRunAt_LeavesTheNextTick()
    {
        var store = await CreateStoreAsync();
        await store.EnsureScheduleAsync(Schedule(next: T0.AddHours(3)), Ct);

        var task = await store.FireScheduleAsync(Fire("nightly", T0, null) with { KeepNextRunAt = true }, Ct);

        var schedule = await store.GetScheduleAsync("nightly", Ct);
        Assert.Equal(T0.AddHours(3), schedule!.NextRunAt);
        Assert.Equal(task!.Id, schedule.LastTaskId);
    }
}
