namespace Tasklane.Conformance;

/// <summary>The store contract for the task list and the status counts; every store derives from it.</summary>
public abstract class TaskStoreListConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task ListTasks_Paging_NewestFirstWithTotal()
    {
        var store = await CreateStoreAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await CreateAsync(store, NewTask())).Id);

        var page1 = await store.ListTasksAsync(new TaskQuery { Current = 1, PageSize = 2 }, Ct);
        var page3 = await store.ListTasksAsync(new TaskQuery { Current = 3, PageSize = 2 }, Ct);
        var page4 = await store.ListTasksAsync(new TaskQuery { Current = 4, PageSize = 2 }, Ct);

        Assert.Equal([ids[4], ids[3]], page1.Items.Select(t => t.Id));
        Assert.Equal([ids[0]], page3.Items.Select(t => t.Id));
        Assert.Empty(page4.Items);
        Assert.Equal([5L, 5L, 5L], new[] { page1.Total, page3.Total, page4.Total });
    }

    [Fact]
    public async Task ListActiveTasks_NewestRunningAndPendingTopLevel_OneUsersWithVisibleTo()
    {
        var store = await CreateStoreAsync();
        var pendingOld = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        var running = await CreateRunningAsync(store);
        var cancelled = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await store.CancelAsync(cancelled.Id, T0, Ct);
        var bobs = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { CreatedById = 8, CreatedByName = "bob" });
        var subtask = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { ParentId = running.Id });
        var pendingNew = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));

        Assert.Equal([pendingNew.Id, bobs.Id, running.Id, pendingOld.Id], (await store.ListActiveTasksAsync(10, null, Ct)).Select(t => t.Id));
        Assert.Equal([pendingNew.Id, bobs.Id], (await store.ListActiveTasksAsync(2, null, Ct)).Select(t => t.Id));
        Assert.Equal([bobs.Id], (await store.ListActiveTasksAsync(10, 8, Ct)).Select(t => t.Id));
        Assert.DoesNotContain(subtask.Id, (await store.ListActiveTasksAsync(10, null, Ct)).Select(t => t.Id));
        Assert.Equal(TaskState.Running, (await store.ListActiveTasksAsync(10, null, Ct)).Single(t => t.Id == running.Id).Status);
    }

    [Fact]
    public async Task ListTasks_TagsLinksScheduleAndData_FilterAndSearchThroughTheirRows()
    {
        var store = await CreateStoreAsync();
        var both = await CreateAsync(store, NewTask() with
        {
            Tags = ["a", "b"], ObjectType = "vm", ObjectId = "1", Links = [new TaskLink("vm", "1"), new TaskLink("event", "7")],
            Data = """{"file":"needle-42.csv"}""",
        });
        var batch = await store.CreateTasksAsync([NewTask() with { Tags = ["a"], ScheduleId = "nightly" }, NewTask() with { ObjectType = "vm", ObjectId = "2" }], Ct);
        var (onlyA, byObject) = (batch[0].Task, batch[1].Task);

        async Task<long[]> Ids(TaskQuery q) => [.. (await store.ListTasksAsync(q, Ct)).Items.Select(t => t.Id).Order()];

        Assert.Equal(["a", "b"], (await store.GetTaskAsync(both.Id, Ct))!.Tags);
        Assert.Equal([new TaskLink("vm", "1"), new TaskLink("event", "7")], (await store.GetTaskAsync(both.Id, Ct))!.Links);
        // Params without links: the object is the one link.
        Assert.Equal([new TaskLink("vm", "2")], (await store.GetTaskAsync(byObject.Id, Ct))!.Links);
        Assert.Equal([both.Id, onlyA.Id], await Ids(new TaskQuery { Tags = ["a"] }));
        Assert.Equal([both.Id], await Ids(new TaskQuery { Tags = ["a", "b"] }));
        Assert.Equal([both.Id], await Ids(new TaskQuery { ObjectType = "event", ObjectId = "7" }));
        Assert.Equal([both.Id, byObject.Id], await Ids(new TaskQuery { ObjectType = "vm" }));
        Assert.Empty(await Ids(new TaskQuery { ObjectType = "vm", ObjectId = "7" }));
        Assert.Equal([onlyA.Id], await Ids(new TaskQuery { ScheduleId = "nightly" }));
        Assert.Equal([both.Id], await Ids(new TaskQuery { Search = "needle-42" }));

        await store.CleanupAsync(new CleanupParams { CompletedBefore = T0, DeletedBefore = T0, FailedBefore = T0.AddYears(1) }, Ct);
        Assert.Equal([both.Id, onlyA.Id], await Ids(new TaskQuery { Tags = ["a"] }));
    }

    [Fact]
    public async Task ListTasks_Filters_MatchOnlyTheirRows()
    {
        var store = await CreateStoreAsync();
        var import = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        var mail = await CreateAsync(store, NewTask("mail", "send", runAt: T0.AddDays(1)) with
        {
            Queue = "emails", CreatedById = 8, CreatedByName = "Bob Smith", Category = TaskCategory.System,
            ObjectType = "vm", ObjectId = "vm-9", Now = T0.AddHours(1),
        });
        var report = await CreateRunningAsync(store, NewTask("report", "export_pdf") with { CreatedByName = "carol", Now = T0.AddHours(2) });

        async Task<long[]> Ids(TaskQuery q) => [.. (await store.ListTasksAsync(q, Ct)).Items.Select(t => t.Id).Order()];

        Assert.Equal([report.Id], await Ids(new TaskQuery { Status = TaskState.Running }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { Worker = "mail" }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { Action = "send" }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { Queue = "emails" }));
        Assert.Equal([import.Id], await Ids(new TaskQuery { Id = import.Id }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { ObjectType = "vm", ObjectId = "vm-9" }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { Category = TaskCategory.System }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { VisibleTo = 8 }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { User = "SMITH" }));
        Assert.Equal([mail.Id, report.Id], await Ids(new TaskQuery { From = T0.AddHours(1) }));
        Assert.Equal([import.Id, mail.Id], await Ids(new TaskQuery { To = T0.AddHours(1) }));
        Assert.Equal([import.Id], await Ids(new TaskQuery { From = T0, To = T0 }));
        Assert.Equal([report.Id], await Ids(new TaskQuery { Search = "pdf" }));
        Assert.Equal([report.Id], await Ids(new TaskQuery { Search = "export_" }));
        Assert.Equal([mail.Id], await Ids(new TaskQuery { Search = mail.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Empty(await Ids(new TaskQuery { Search = "nothing-like-this" }));
        Assert.Empty(await Ids(new TaskQuery { Search = "%" }));
        Assert.Equal([import.Id, report.Id], await Ids(new TaskQuery { VisibleTo = 7, Search = "r" }));
    }

    [Fact]
    public async Task ListTasks_SearchMessage_MatchesProgressMessage()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await store.ReportAsync([new TaskReport { TaskId = running.Id, At = T0, HasProgress = true, Progress = 5, Message = "Processing products..." }], Ct);

        var page = await store.ListTasksAsync(new TaskQuery { Search = "processing" }, Ct);

        Assert.Equal([running.Id], page.Items.Select(t => t.Id));
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task ListTasks_SearchNumber_MatchesTheIdAndTheText()
    {
        var store = await CreateStoreAsync();
        var running = await CreateRunningAsync(store);
        var other = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        var number = (other.Id + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await store.ReportAsync([new TaskReport { TaskId = running.Id, At = T0, HasProgress = true, Progress = 5, Message = $"Step {number} of 9999" }], Ct);

        var byText = await store.ListTasksAsync(new TaskQuery { Search = number }, Ct);
        var byId = await store.ListTasksAsync(new TaskQuery { Search = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);

        Assert.Equal([running.Id], byText.Items.Select(t => t.Id));
        Assert.Contains(other.Id, byId.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task CountByStatus_VisibleTo_CountsOnlyOwnTasks()
    {
        var store = await CreateStoreAsync();
        await CreateRunningAsync(store);
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));
        await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { CreatedById = 8 });
        var cancelled = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)) with { CreatedById = 8 });
        await store.CancelAsync(cancelled.Id, T0, Ct);

        var all = await store.CountByStatusAsync(null, Ct);
        var mine = await store.CountByStatusAsync(7, Ct);

        Assert.Equal((1L, 2L, 1L), (all[TaskState.Running], all[TaskState.Pending], all[TaskState.Cancelled]));
        Assert.Equal((1L, 1L), (mine[TaskState.Running], mine[TaskState.Pending]));
        Assert.Equal(0, mine.GetValueOrDefault(TaskState.Cancelled));
        Assert.Equal(0, all.GetValueOrDefault(TaskState.Completed));
    }
}
