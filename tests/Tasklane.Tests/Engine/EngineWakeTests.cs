using Microsoft.Extensions.DependencyInjection;
using Tasklane.Samples;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>
/// An idle node sleeps until it has something to do or is told of it (docs/engine.md, "Idle"): the loops wake at the
/// next known moment or on a signal, and what nobody announces is still found by a bounded poll.
/// </summary>
public sealed class EngineWakeTests
{
    [Fact]
    public async Task Sqlite_TaskOfAnotherProcessOnTheFile_IsFoundByPollIntervalNotTheLongFallback()
    {
        // SQLite's notifier reaches this process only: the idle dispatcher must keep polling every PollInterval, never
        // sleeping for the fallback that nodes told of every create (PostgreSQL) use.
        await using var engine = await EngineHost.StartAsync(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(200);
            o.FallbackPollInterval = TimeSpan.FromHours(1);
        });
        await using var other = await EngineHost.StartAsync(o => o.RunEngine = false, databasePath: engine.DatabasePath);
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the dispatcher is past its first claim and sleeps idle

        var task = await other.Client.CreateAsync("demo", "echo", new EchoArgs("from elsewhere"));

        Assert.Equal(TaskState.Completed, (await engine.WaitForStatusAsync(task.Id, TaskState.Completed, TimeSpan.FromSeconds(15))).Status);
    }

    [Fact]
    public async Task Heartbeat_IdleNodeClaimsATask_RenewsItsLeaseWithinTheBeatNotTheIdleInterval()
    {
        await using var engine = await EngineHost.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(200));
        await Task.Delay(TimeSpan.FromMilliseconds(600)); // idle: the heartbeat sleeps until its next 5 s beat

        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        var claimed = await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        // The claim wakes the idle heartbeat: the lease is renewed one beat later, well before the idle beat is due.
        var renewed = await Eventually.ValueAsync(async () => (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!,
            t => t.LeaseExpiresAt > claimed.LeaseExpiresAt, TimeSpan.FromSeconds(3), "the lease to be renewed");
        Assert.Equal(TaskState.Running, renewed.Status);
        engine.Journal.Gate.Release();
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
    }

    [Fact]
    public async Task Scheduler_LongInterval_StillFiresEverySecondTick()
    {
        var everySecond = new ScheduleDefinition
        {
            Id = "tick", Name = "Every second", Worker = "test", Action = "record",
            Spec = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "* * * * * *" },
            Payload = () => new NamedArgs("tick"),
        };
        // A day between reads of the schedules: only the sleep until the next known tick fires them.
        await using var engine = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromDays(1), services: s => s.AddSingleton(everySecond));

        var tasks = await Eventually.ValueAsync(
            () => engine.Store.ListTasksAsync(new TaskQuery { PageSize = 100 }, CancellationToken.None),
            page => page.Total >= 3, TimeSpan.FromSeconds(15), "three ticks to fire");

        var ticks = tasks.Items.Select(t => t.CreatedAt.ToUnixTimeSeconds()).ToList();
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
    }

    [Fact]
    public async Task Scheduler_ScheduleEnabledThroughThisNode_WakesTheSleepingLoop()
    {
        await using var engine = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromDays(1));
        var schedules = engine.Host.Services.GetRequiredService<ScheduleService>();
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the loop has read the schedules (none enabled) and sleeps for a day

        var everySecond = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "* * * * * *" };
        await schedules.UpdateAsync("demo-sync", everySecond, enabled: true, CancellationToken.None);

        var fired = await Eventually.ValueAsync(
            () => engine.Store.ListTasksAsync(new TaskQuery { PageSize = 10 }, CancellationToken.None),
            page => page.Items.Any(t => t.ScheduleId == "demo-sync"), TimeSpan.FromSeconds(15), "the enabled schedule to fire");
        Assert.Contains(fired.Items, t => t.Category == TaskCategory.System);
    }
}
