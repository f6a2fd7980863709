using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tasklane.Samples;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>
/// The engine keeps time by the <see cref="TimeProvider"/> in DI: a delayed task and a retry's backoff fall due when that
/// clock says so (not after the same span of wall-clock time), and the store keeps that clock's times.
/// </summary>
public sealed class EngineClockTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DelayedTask_RunsWhenTheInjectedClockReachesItsRunAt()
    {
        var time = new FakeTimeProvider(Start);
        // The dispatcher looks for due tasks only once an hour when nothing wakes it: only the clock can.
        await using var engine = await EngineHost.StartAsync(o => o.PollInterval = TimeSpan.FromHours(1), services: s => s.AddSingleton<TimeProvider>(time));

        var task = await engine.Client.CreateAsync("demo", "noop", new { }, new TaskOptions { RunAt = Start.AddMinutes(10) });
        await Task.Delay(300);
        Assert.Equal(TaskState.Pending, (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Status);

        time.Advance(TimeSpan.FromMinutes(10));

        await engine.WaitForStatusAsync(task.Id, TaskState.Completed, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task RetryBackoff_EndsWhenTheInjectedClockPassesIt()
    {
        var time = new FakeTimeProvider(Start);
        await using var engine = await EngineHost.StartAsync(o =>
        {
            o.PollInterval = TimeSpan.FromHours(1);
            o.RetryBaseDelay = TimeSpan.FromMinutes(10);
            o.RetryMaxDelay = TimeSpan.FromMinutes(10);
        }, services: s => s.AddSingleton<TimeProvider>(time));

        var task = await engine.Client.CreateAsync("demo", "flaky", new FlakyArgs(1), new TaskOptions { MaxAttempts = 2 });
        var waiting = await Eventually.ValueAsync(async () => (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!,
            t => t.Status == TaskState.Pending && t.Attempt == 1, TimeSpan.FromSeconds(15), "the first attempt to fail and wait for its retry");
        Assert.InRange(waiting.RunAt, Start.AddMinutes(7), Start.AddMinutes(13)); // the backoff, ±25 % jitter, on the fake clock
        await Task.Delay(300);
        Assert.Equal(TaskState.Pending, (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Status);

        time.Advance(TimeSpan.FromMinutes(15));

        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed, TimeSpan.FromSeconds(15));
        Assert.Equal(2, done.Attempt);
    }

    [Fact]
    public async Task UseSqlite_StoreKeepsTheInjectedClocksTimes()
    {
        var time = new FakeTimeProvider(Start);
        await using var engine = await EngineHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));

        await using var connection = new SqliteConnection($"Data Source={engine.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(applied_at), max(applied_at) FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        // The migrations were recorded at the injected clock's time, not the machine's.
        Assert.Equal(Start.ToUnixTimeMilliseconds(), reader.GetInt64(0));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), reader.GetInt64(1));
    }
}
