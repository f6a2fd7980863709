using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

public sealed class EngineCancelTests
{
    [Fact]
    public async Task Cancel_PendingTask_IsCancelledAtOnce()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("test", "record", new NamedArgs("x"), new TaskOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });

        var result = await engine.Client.CancelAsync(task.Id);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        Assert.Equal(TaskState.Cancelled, result.Task!.Status);
        Assert.Equal(TransitionOutcome.WrongState, (await engine.Client.CancelAsync(task.Id)).Outcome);
    }

    [Fact]
    public async Task Cancel_RunningTask_TokenFiresAndTaskEndsCancelled()
    {
        // A heartbeat far away: the token can only fire through the in-process cancel.
        await using var engine = await EngineHost.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMinutes(5));
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);
        await Eventually.TrueAsync(() => !engine.Journal.Started.IsEmpty);

        var result = await engine.Client.CancelAsync(task.Id);
        var cancelled = await engine.WaitForStatusAsync(task.Id, TaskState.Cancelled, TimeSpan.FromSeconds(5));

        Assert.True(result.Task!.CancelRequested);
        Assert.NotNull(cancelled.EndedAt);
        Assert.Contains("Cancelled", await engine.LogMessagesAsync(task.Id));
    }

    [Fact]
    public async Task Cancel_RequestedInTheStoreByAnotherNode_ReachesTheHandlerThroughTheHeartbeat()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        // Another node's API writes the request to the store only; this node learns it from its heartbeat.
        await engine.Store.CancelAsync(task.Id, DateTimeOffset.UtcNow, CancellationToken.None);

        await engine.WaitForStatusAsync(task.Id, TaskState.Cancelled, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Delete_RunningTask_IsRefusedThenHiddenOnceFinished()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        Assert.Equal(TransitionOutcome.WrongState, (await engine.Client.DeleteAsync(task.Id)).Outcome);
        engine.Journal.Gate.Release();
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
        Assert.Equal(TransitionOutcome.Done, (await engine.Client.DeleteAsync(task.Id)).Outcome);

        Assert.Null(await engine.Client.GetAsync(task.Id));
        Assert.Equal(0, (await engine.Store.ListTasksAsync(new TaskQuery(), CancellationToken.None)).Total);
    }
}
