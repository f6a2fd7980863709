using Microsoft.Extensions.DependencyInjection;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

public sealed class EngineSchedulingTests
{
    [Fact]
    public async Task Claim_MixedPriorities_RunsHighThenNormalThenLow()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        await engine.Host.Services.GetRequiredService<ITaskSettingsProvider>().UpdateAsync(new TaskSettings { TaskMaxConcurrent = 1 });
        foreach (var (name, priority) in new[] { ("low", TaskPriority.Low), ("normal", TaskPriority.Normal), ("high", TaskPriority.High), ("high2", TaskPriority.High) })
        {
            await engine.Client.CreateAsync("test", "record", new NamedArgs(name), new TaskOptions { Priority = priority });
        }

        await engine.Host.StartAsync();

        await Eventually.TrueAsync(() => engine.Journal.Started.Count == 4);
        Assert.Equal(["high", "high2", "normal", "low"], engine.Journal.Started.ToArray());
    }

    [Fact]
    public async Task Claim_GlobalLimit_NeverRunsMoreThanTaskMaxConcurrent()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        await engine.Host.Services.GetRequiredService<ITaskSettingsProvider>().UpdateAsync(new TaskSettings { TaskMaxConcurrent = 2 });
        await engine.Host.StartAsync();
        var ids = new List<long>();
        for (var i = 0; i < 6; i++) ids.Add((await engine.Client.CreateAsync("test", "hold", new HoldArgs($"h{i}"))).Id);

        await Eventually.TrueAsync(() => engine.Journal.Started.Count == 2);
        engine.Journal.Gate.Release(6);
        foreach (var id in ids) await engine.WaitForStatusAsync(id, TaskState.Completed);

        Assert.Equal(2, engine.Journal.MaxRunning);
    }

    [Fact]
    public async Task Claim_QueueLimit_RunsOneOfTheNarrowQueueWhileOthersProceed()
    {
        await using var engine = await EngineHost.StartAsync(o => o.Queues["narrow"] = 1);
        var narrow = new List<long>();
        for (var i = 0; i < 3; i++) narrow.Add((await engine.Client.CreateAsync("narrow", "hold", new HoldArgs($"n{i}"))).Id);
        var other = await engine.Client.CreateAsync("test", "record", new NamedArgs("other"));

        await engine.WaitForStatusAsync(other.Id, TaskState.Completed);
        var running = await engine.Store.ListTasksAsync(new TaskQuery { Queue = "narrow", Status = TaskState.Running }, CancellationToken.None);
        Assert.Equal(1, running.Total);
        engine.Journal.Gate.Release(3);
        foreach (var id in narrow) await engine.WaitForStatusAsync(id, TaskState.Completed);
        Assert.Equal(["n0", "n1", "n2", "other"], engine.Journal.Started.Order().ToArray());
    }
}
