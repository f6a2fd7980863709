namespace Tasklane.Conformance;

/// <summary>The console's change stamp: it moves when a task is created, starts, ends or is deleted, and stays put otherwise.</summary>
public abstract class TaskStoreChangeStampConformanceTests : TaskStoreConformanceBase
{
    [Fact]
    public async Task GetChangeStamp_MovesOnCreateStartEndAndDelete_AndOnlyThen()
    {
        var store = await CreateStoreAsync();
        var empty = await store.GetChangeStampAsync(Ct);
        Assert.Equal(empty, await store.GetChangeStampAsync(Ct));

        var created = await CreateAsync(store, NewTask());
        var afterCreate = await store.GetChangeStampAsync(Ct);
        Assert.NotEqual(empty, afterCreate);
        Assert.Equal(afterCreate, await store.GetChangeStampAsync(Ct));

        var running = Assert.Single(await store.ClaimAsync(NewClaim(), Ct));
        Assert.Equal(created.Id, running.Id);
        var afterStart = await store.GetChangeStampAsync(Ct);
        Assert.NotEqual(afterCreate, afterStart);

        await store.CompleteAsync([NewOutcome(running, TaskState.Completed)], Ct);
        var afterEnd = await store.GetChangeStampAsync(Ct);
        Assert.NotEqual(afterStart, afterEnd);
        Assert.Equal(afterEnd, await store.GetChangeStampAsync(Ct));

        await store.DeleteAsync(created.Id, T0.AddMinutes(5), Ct);
        Assert.NotEqual(afterEnd, await store.GetChangeStampAsync(Ct));
    }
}
