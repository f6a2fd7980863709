namespace Tasklane.Tests.Engine;

public sealed class EngineShutdownTests
{
    [Fact]
    public async Task Stop_TaskStillRunningAfterGrace_IsReleasedAndRunsOnTheNextNode()
    {
        var engine = await EngineHost.StartAsync(o => o.ShutdownGrace = TimeSpan.FromMilliseconds(300));
        var path = engine.DatabasePath;
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        await engine.Host.StopAsync();
        var released = await engine.Store.GetTaskAsync(task.Id, CancellationToken.None);
        engine.Host.Dispose();

        Assert.Equal(TaskState.Pending, released!.Status);
        Assert.Equal(0, released.Attempt);
        await using var next = await EngineHost.StartAsync(databasePath: path);
        Assert.Contains("Released at node shutdown; it will run again", await next.LogMessagesAsync(task.Id));
        next.Journal.Gate.Release();
        var done = await next.WaitForStatusAsync(task.Id, TaskState.Completed);
        Assert.Equal(1, done.Attempt);
    }

    [Fact]
    public async Task Stop_TaskFinishingWithinGrace_Completes()
    {
        await using var engine = await EngineHost.StartAsync(o => o.ShutdownGrace = TimeSpan.FromSeconds(10));
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        var stopping = engine.Host.StopAsync();
        engine.Journal.Gate.Release();
        await stopping;

        Assert.Equal(TaskState.Completed, (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Status);
        Assert.Empty(await engine.Store.ListNodesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Stop_HandlerIgnoringCancellation_IsReleasedAnyway()
    {
        await using var engine = await EngineHost.StartAsync(o => o.ShutdownGrace = TimeSpan.FromMilliseconds(200));
        var task = await engine.Client.CreateAsync("test", "stubborn", null);
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        await engine.Host.StopAsync();

        Assert.Equal(TaskState.Pending, (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Status);
        engine.Journal.Gate.Release();
    }
}
