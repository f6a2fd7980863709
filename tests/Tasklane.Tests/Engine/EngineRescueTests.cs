using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

public sealed class EngineRescueTests
{
    private static async Task<TaskRow> ClaimAsDeadNodeAsync(EngineHost engine, TaskOptions? options = null)
    {
        await engine.Store.MigrateAsync(CancellationToken.None);
        var task = await engine.Client.CreateAsync("test", "record", new NamedArgs("rescued"), options);
        var now = DateTimeOffset.UtcNow;
        var claimed = await engine.Store.ClaimAsync(new ClaimParams
        {
            NodeId = "dead-node", Now = now, LeaseExpiresAt = now.AddSeconds(-1), Limit = 10, Workers = ["test"],
        }, CancellationToken.None);
        Assert.Equal(task.Id, Assert.Single(claimed).Id);
        return task;
    }

    [Fact]
    public async Task Rescue_ExpiredLease_LogsLostTrackAndRunsAgain()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        var task = await ClaimAsDeadNodeAsync(engine);

        await engine.Host.StartAsync();
        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.Equal(2, done.Attempt);
        Assert.Contains("Tasklane has lost track of the process", await engine.LogMessagesAsync(task.Id));
        Assert.Equal(["rescued"], engine.Journal.Started.ToArray());
    }

    [Fact]
    public async Task Rescue_ExpiredLeaseWithNoAttemptLeft_Fails()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        var task = await ClaimAsDeadNodeAsync(engine, new TaskOptions { MaxAttempts = 1 });

        await engine.Host.StartAsync();
        var failed = await engine.WaitForStatusAsync(task.Id, TaskState.Failed);

        Assert.Equal("Tasklane has lost track of the process", failed.Error);
        Assert.Empty(engine.Journal.Started);
    }

    [Fact]
    public async Task Heartbeat_RunningTask_KeepsItsLeaseAlive()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        await engine.Host.Services.GetRequiredServiceOf<ITaskSettingsProvider>().UpdateAsync(new TaskSettings { LeaseSeconds = 5 });
        await engine.Host.StartAsync();
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        var running = await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        var renewed = await Eventually.ValueAsync(() => engine.Store.GetTaskAsync(task.Id, CancellationToken.None),
            t => t!.LeaseExpiresAt > running.LeaseExpiresAt, because: "the heartbeat to extend the lease");

        Assert.Equal(TaskState.Running, renewed!.Status);
        engine.Journal.Gate.Release();
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
    }
}
