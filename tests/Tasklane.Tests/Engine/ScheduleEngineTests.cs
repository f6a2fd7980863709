using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

public sealed class ScheduleEngineTests
{
    private static readonly ScheduleDefinition EverySecond = new()
    {
        Id = "tick", Name = "Every second", Worker = "test", Action = "record",
        Spec = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "* * * * * *" },
        Payload = () => new NamedArgs("tick"),
    };

    private static Action<IServiceCollection> With(ScheduleDefinition definition) => s => s.AddSingleton(definition);

    [Fact]
    public async Task Scheduler_TwoEnginesOnOneStore_FireEachTickOnce()
    {
        using var directory = new TempDirectory();
        await using var a = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromMilliseconds(100), directory.DatabasePath, With(EverySecond));
        await using var b = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromMilliseconds(100), directory.DatabasePath, With(EverySecond));

        var tasks = await Eventually.ValueAsync(
            () => a.Store.ListTasksAsync(new TaskQuery { PageSize = 100 }, CancellationToken.None),
            page => page.Total >= 4, TimeSpan.FromSeconds(15), "four ticks to fire");

        Assert.All(tasks.Items, t => Assert.Equal(("tick", TaskCategory.System), (t.ScheduleId, t.Category)));
        var ticks = tasks.Items.Select(t => t.CreatedAt.ToUnixTimeSeconds()).ToList();
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        var schedule = await a.Store.GetScheduleAsync("tick", CancellationToken.None);
        Assert.NotNull(schedule!.LastTaskId);
    }

    [Fact]
    public async Task Scheduler_PayloadBuilderReturnsJsonString_TakesItAsTheTaskData()
    {
        var fromString = EverySecond with { Id = "from-string", Payload = () => """{"name":"from-string"}""" };
        await using var engine = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromMilliseconds(100), services: With(fromString));

        var tasks = await Eventually.ValueAsync(
            () => engine.Store.ListTasksAsync(new TaskQuery { PageSize = 100 }, CancellationToken.None),
            page => page.Total >= 1, TimeSpan.FromSeconds(15), "a tick to fire");

        var task = tasks.Items[0];
        Assert.Equal(("from-string", """{"name":"from-string"}"""), (task.ScheduleId, task.Data));
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
    }

    [Fact]
    public async Task Scheduler_AfterDowntime_FiresOneCatchUpNotABurst()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 10, 0, 30, TimeSpan.Zero));
        var minutely = EverySecond with { Id = "minutely", Spec = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "* * * * *" } };
        await using var engine = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromDays(1),
            services: s => { s.AddSingleton<TimeProvider>(time); s.AddSingleton(minutely); });
        var schedules = engine.Host.Services.GetRequiredService<ScheduleService>();
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 1, 0, TimeSpan.Zero), (await schedules.GetAsync("minutely", CancellationToken.None))!.Schedule.NextRunAt);

        time.Advance(TimeSpan.FromMinutes(90)); // the node was down for 90 ticks
        await schedules.FireDueAsync(CancellationToken.None); // the scheduler loop may fire it too: either way, once
        await schedules.FireDueAsync(CancellationToken.None);

        var fired = await engine.Store.ListTasksAsync(new TaskQuery(), CancellationToken.None);
        Assert.Equal("minutely", Assert.Single(fired.Items).ScheduleId);
        var view = await schedules.GetAsync("minutely", CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 11, 31, 0, TimeSpan.Zero), view!.Schedule.NextRunAt);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 1, 0, TimeSpan.Zero), view.Schedule.LastRunAt);
    }

    [Fact]
    public async Task Trigger_ManyTimesInOneMillisecondOnTheDueTick_EachCreatesATaskAndTheTickStillFires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 10, 0, 30, TimeSpan.Zero));
        var minutely = EverySecond with { Id = "minutely", Spec = new ScheduleSpec { Kind = ScheduleKind.Cron, Cron = "* * * * *" } };
        await using var engine = await EngineHost.StartAsync(o => o.SchedulerInterval = TimeSpan.FromDays(1),
            services: s => { s.AddSingleton<TimeProvider>(time); s.AddSingleton(minutely); });
        var schedules = engine.Host.Services.GetRequiredService<ScheduleService>();
        time.Advance(TimeSpan.FromSeconds(30)); // now is the pending tick, 10:01:00.000, and the clock stands still

        var triggered = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => schedules.TriggerAsync("minutely", null, CancellationToken.None)));
        var again = await schedules.TriggerAsync("minutely", null, CancellationToken.None);
        await schedules.FireDueAsync(CancellationToken.None);

        var ids = triggered.Append(again).Select(t => t!.Id).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        var tasks = await engine.Store.ListTasksAsync(new TaskQuery(), CancellationToken.None);
        Assert.Equal(5, tasks.Total); // four triggers and the scheduled tick
        var view = await schedules.GetAsync("minutely", CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 2, 0, TimeSpan.Zero), view!.Schedule.NextRunAt);
    }

    [Fact]
    public async Task Toggle_DisabledDemoSchedule_EnablesWithTheNextTickThenTriggerRunsIt()
    {
        await using var engine = await EngineHost.StartAsync();
        var schedules = engine.Host.Services.GetRequiredService<ScheduleService>();
        var demo = await schedules.GetAsync("demo-sync", CancellationToken.None);
        Assert.False(demo!.Schedule.Enabled);
        Assert.Null(demo.Schedule.NextRunAt);
        Assert.Equal("hourly between 05:00 and 23:00", demo.Description);

        var enabled = await schedules.ToggleAsync("demo-sync", CancellationToken.None);
        var task = await schedules.TriggerAsync("demo-sync", null, CancellationToken.None);

        Assert.True(enabled!.Schedule.Enabled);
        Assert.NotNull(enabled.Schedule.NextRunAt);
        Assert.Equal("demo-sync", task!.ScheduleId);
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
        var after = await schedules.GetAsync("demo-sync", CancellationToken.None);
        Assert.Equal(enabled.Schedule.NextRunAt, after!.Schedule.NextRunAt);
        Assert.Equal(task.Id, after.Schedule.LastTaskId);
        Assert.Null(await schedules.ToggleAsync("missing", CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"kind":"cron","cron":"61 * * * *"}""", "schedule.cron")]
    [InlineData("""{"kind":"regular","every":0,"unit":"hours","from":"05:00","to":"23:00"}""", "schedule.every")]
    [InlineData("""{"kind":"weekly"}""", "schedule.kind")]
    [InlineData("""{"kind":"periodic","period":"daily","at":"25:00"}""", "schedule.at")]
    public void ParseSpec_BadSpec_NamesTheFieldAndSaysWhy(string json, string field)
    {
        var error = Assert.Throws<JsonDataException>(() => ScheduleService.ParseSpec(json));

        Assert.Equal(field, error.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSpec_RegularWithShortTimes_ReadsThem()
    {
        var spec = ScheduleService.ParseSpec("""{"kind":"regular","every":15,"unit":"minutes","from":"22:00","to":"02:00","time_zone":"Europe/Kyiv"}""");

        Assert.Equal("every 15 minutes between 22:00 and 02:00 (Europe/Kyiv)", spec.Describe());
    }
}
