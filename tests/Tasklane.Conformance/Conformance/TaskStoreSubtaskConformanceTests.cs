namespace Tasklane.Conformance;

/// <summary>Subtasks: dependencies gate the claim, the parent awaits and is recomputed, retry reopens, cancel cascades.</summary>
public abstract class TaskStoreSubtaskConformanceTests : TaskStoreConformanceBase
{
    private static SubtaskParams Sub(string name, params int[] dependsOn) => new()
    {
        Task = NewTask(action: name) with { Name = name, MaxAttempts = 1 },
        DependsOnIndexes = dependsOn,
    };

    private static async Task<(TaskRow Parent, IReadOnlyList<TaskRow> Steps)> ParentWithChainAsync(ITaskStore store)
    {
        var parent = await CreateRunningAsync(store);
        var steps = await store.CreateSubtasksAsync(parent.Id, [Sub("first"), Sub("second", 0), Sub("third", 0)], Ct);
        return (parent, steps);
    }

    /// <summary>Claims what is due (the step may already run, claimed with a sibling) and ends the step.</summary>
    private static async Task<TaskRow> RunOneAsync(ITaskStore store, long id, TaskState status)
    {
        if ((await GetAsync(store, id)).Status == TaskState.Pending) await store.ClaimAsync(NewClaim(limit: 100, now: T0.AddHours(1)), Ct);
        var running = await GetAsync(store, id);
        Assert.Equal(TaskState.Running, running.Status);
        await store.CompleteAsync([NewOutcome(running, status) with { Error = status == TaskState.Failed ? "boom" : null }], Ct);
        return await GetAsync(store, id);
    }

    [Fact]
    public async Task CreateSubtasks_StoresNamesParentAndDependencies()
    {
        var store = await CreateStoreAsync();

        var (parent, steps) = await ParentWithChainAsync(store);

        Assert.Equal(["first", "second", "third"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(parent.Id, s.ParentId));
        var dependencies = await store.GetDependenciesAsync([.. steps.Select(s => s.Id)], Ct);
        Assert.Empty(dependencies[steps[0].Id]);
        Assert.Equal([steps[0].Id], dependencies[steps[1].Id]);
        Assert.Equal(3, (await store.CountSubtasksAsync(parent.Id, Ct))[TaskState.Pending]);
    }

    [Fact]
    public async Task CreateSubtasks_SameNameAgain_ReturnsTheExistingStep()
    {
        var store = await CreateStoreAsync();
        var (parent, steps) = await ParentWithChainAsync(store);

        var again = await store.CreateSubtasksAsync(parent.Id, [Sub("first"), Sub("fourth", 0)], Ct);

        Assert.Equal(steps[0].Id, again[0].Id);
        Assert.Equal(4, (await store.CountSubtasksAsync(parent.Id, Ct)).Values.Sum());
        Assert.Equal([steps[0].Id], (await store.GetDependenciesAsync([again[1].Id], Ct))[again[1].Id]);
    }

    [Fact]
    public async Task Delete_PendingSubtask_RefusedAndKept()
    {
        var store = await CreateStoreAsync();
        var (_, steps) = await ParentWithChainAsync(store);
        var plain = await CreateAsync(store, NewTask(runAt: T0.AddDays(1)));

        var step = await store.DeleteAsync(steps[0].Id, T0, Ct);
        var other = await store.DeleteAsync(plain.Id, T0, Ct);

        Assert.Equal(TransitionOutcome.WrongState, step.Outcome);
        Assert.NotNull(await store.GetTaskAsync(steps[0].Id, Ct));
        Assert.Equal(TransitionOutcome.Done, other.Outcome);
    }

    [Fact]
    public async Task Claim_StepWithUnfinishedDependency_IsNotClaimed()
    {
        var store = await CreateStoreAsync();
        var (_, steps) = await ParentWithChainAsync(store);

        var firstClaim = await store.ClaimAsync(NewClaim(limit: 100), Ct);
        Assert.Equal([steps[0].Id], firstClaim.Select(t => t.Id));
        await store.CompleteAsync([NewOutcome(firstClaim[0], TaskState.Completed)], Ct);
        var secondClaim = await store.ClaimAsync(NewClaim(limit: 100), Ct);

        Assert.Equal([steps[1].Id, steps[2].Id], secondClaim.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Complete_ParentWithUnfinishedSteps_AwaitsThemThenCompletes()
    {
        var store = await CreateStoreAsync();
        var (parent, steps) = await ParentWithChainAsync(store);

        await store.CompleteAsync([NewOutcome(parent, TaskState.Completed)], Ct);
        var awaiting = await GetAsync(store, parent.Id);
        foreach (var step in steps) await RunOneAsync(store, step.Id, TaskState.Completed);
        var done = await GetAsync(store, parent.Id);

        Assert.Equal((TaskState.Running, true, null), (awaiting.Status, awaiting.AwaitingSubtasks, awaiting.LeaseOwner));
        Assert.Equal((TaskState.Completed, false, 100.0), (done.Status, done.AwaitingSubtasks, done.Progress));
        Assert.Contains(await LogsAsync(store, parent.Id), l => l.Message == "All 3 subtasks completed");
        Assert.Empty(await store.RescueAsync(new RescueParams { Now = T0.AddDays(1), Message = "lost" }, Ct));
    }

    [Fact]
    public async Task FailedStep_FailsTheAwaitingParentAndRetryReopensIt()
    {
        var store = await CreateStoreAsync();
        var (parent, steps) = await ParentWithChainAsync(store);
        await store.CompleteAsync([NewOutcome(parent, TaskState.Completed)], Ct);

        await RunOneAsync(store, steps[0].Id, TaskState.Failed);
        var failed = await GetAsync(store, parent.Id);
        var retried = await store.RetryAsync(steps[0].Id, T0.AddMinutes(1), Ct);
        var reopened = await GetAsync(store, parent.Id);

        Assert.Equal(TaskState.Failed, failed.Status);
        Assert.Equal("Subtask 'first' failed: boom", failed.Error);
        Assert.Equal((500, "boom"), ((int)(await GetAsync(store, steps[0].Id)).ResponseCode!, (await GetAsync(store, steps[0].Id)).ResponseMessage));
        Assert.Equal(TransitionOutcome.Done, retried.Outcome);
        Assert.Equal((TaskState.Running, true), (reopened.Status, reopened.AwaitingSubtasks));
        await RunOneAsync(store, steps[0].Id, TaskState.Completed);
        await RunOneAsync(store, steps[1].Id, TaskState.Completed);
        await RunOneAsync(store, steps[2].Id, TaskState.Completed);
        Assert.Equal(TaskState.Completed, (await GetAsync(store, parent.Id)).Status);
    }

    [Fact]
    public async Task Complete_ParentWhoseStepFailedBeforeItsHandlerReturned_FailsAtOnce()
    {
        var store = await CreateStoreAsync();
        var (parent, steps) = await ParentWithChainAsync(store);
        await RunOneAsync(store, steps[0].Id, TaskState.Failed);

        await store.CompleteAsync([NewOutcome(parent, TaskState.Completed)], Ct);

        var failed = await GetAsync(store, parent.Id);
        Assert.Equal((TaskState.Failed, false), (failed.Status, failed.AwaitingSubtasks));
        Assert.Equal("Subtask 'first' failed: boom", failed.Error);
    }

    [Fact]
    public async Task Cancel_AwaitingParent_CancelsItAndItsPendingSteps()
    {
        var store = await CreateStoreAsync();
        var (parent, steps) = await ParentWithChainAsync(store);
        await store.CompleteAsync([NewOutcome(parent, TaskState.Completed)], Ct);
        var running = Assert.Single(await store.ClaimAsync(NewClaim(limit: 100), Ct));

        var result = await store.CancelAsync(parent.Id, T0.AddMinutes(1), Ct);

        Assert.Equal(TaskState.Cancelled, result.Task!.Status);
        Assert.True((await GetAsync(store, running.Id)).CancelRequested);
        Assert.Equal(TaskState.Cancelled, (await GetAsync(store, steps[1].Id)).Status);
        Assert.Equal(TaskState.Cancelled, (await GetAsync(store, steps[2].Id)).Status);
    }

    [Fact]
    public async Task List_LeavesStepsOutUnlessAskedByParentOrObject()
    {
        var store = await CreateStoreAsync();
        var parent = await CreateAsync(store, NewTask());
        await store.CreateSubtasksAsync(parent.Id, [new SubtaskParams { Task = NewTask() with { Name = "vm-step", ObjectType = "vm", ObjectId = "42" } }], Ct);

        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery(), Ct)).Total);
        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery { ParentId = parent.Id }, Ct)).Total);
        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery { ObjectType = "vm", ObjectId = "42" }, Ct)).Total);
        Assert.Equal(1, (await store.CountByStatusAsync(null, Ct))[TaskState.Pending]);
    }
}
