using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tasklane.Tests.Support;

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

    [Fact]
    public async Task Stop_DatabaseUnwritable_EndsWithinTheShutdownTimeoutAndLogsWhatWasNotWritten()
    {
        var logs = new CapturedLogs();
        var engine = await EngineHost.StartAsync(o => o.ShutdownGrace = TimeSpan.FromMilliseconds(200), services: s =>
        {
            s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            s.AddSingleton<ILoggerProvider>(logs);
        });
        var task = await engine.Client.CreateAsync("test", "hold", new HoldArgs());
        await engine.WaitForStatusAsync(task.Id, TaskState.Running);

        // Another process holds the write lock: every write of the node fails until it lets go (it never does here).
        await using var blocker = new SqliteConnection($"Data Source={engine.DatabasePath};Default Timeout=1");
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }
        engine.Journal.Gate.Release();
        var running = engine.Host.Services.GetRequiredService<RunningTasks>();
        await Eventually.TrueAsync(() => running.Count == 0, TimeSpan.FromSeconds(30), "the handler to end and its outcome to be queued");

        var clock = Stopwatch.StartNew();
        var stop = engine.Host.StopAsync();
        var finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30)));
        clock.Stop();

        Assert.True(finished == stop, "StopAsync did not return while the database was locked: " + string.Join("\n", logs.Entries));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"StopAsync took {clock.Elapsed}");
        var notWritten = logs.Entries.Where(e => e.Message.Contains("not written", StringComparison.Ordinal)).ToList();
        Assert.Contains(notWritten, e => e.Message.Contains(task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        engine.Host.Dispose();
    }
}
