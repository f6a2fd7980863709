using Tasklane.Samples;
using Tasklane.Sqlite;

namespace Tasklane.Tests.Engine;

/// <summary>An idle node reads to find work instead of writing, and still finds work it was not told about.</summary>
public sealed class EngineIdleTests
{
    [Fact]
    public async Task IdleEngine_PollsWithoutWriteTransactions()
    {
        await using var engine = await EngineHost.StartAsync(o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.HeartbeatInterval = TimeSpan.FromSeconds(1);
        });
        var store = (SqliteTaskStore)engine.Store;
        await Task.Delay(TimeSpan.FromSeconds(1)); // start-up writes (node, workers, schedules) are done

        var before = store.WriterCommits;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var commits = store.WriterCommits - before;

        // Twenty poll rounds and two heartbeat periods: polls are reads, and a node that holds no task beats every 5 s.
        Assert.True(commits <= 1, $"an idle engine committed {commits} write groups in 2 s");
    }

    [Fact]
    public async Task IdleEngine_RunsTaskCreatedByAnotherProcessOnTheSameFile()
    {
        await using var engine = await EngineHost.StartAsync(o => o.PollInterval = TimeSpan.FromMilliseconds(100));
        // A second host on the same file that runs no engine: its creates do not wake the first one's dispatcher.
        await using var other = await EngineHost.StartAsync(o => o.RunEngine = false, databasePath: engine.DatabasePath);

        var task = await other.Client.CreateAsync("demo", "echo", new EchoArgs("from elsewhere"));
        var due = await other.Client.CreateAsync("demo", "echo", new EchoArgs("due later"),
            new TaskOptions { RunAt = DateTimeOffset.UtcNow.AddMilliseconds(600) });

        Assert.Equal(TaskState.Completed, (await engine.WaitForStatusAsync(task.Id, TaskState.Completed)).Status);
        var later = await engine.WaitForStatusAsync(due.Id, TaskState.Completed);
        Assert.True(later.StartedAt >= due.RunAt, "a task due later must not start before its run_at");
    }
}
