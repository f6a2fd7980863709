using Microsoft.Extensions.DependencyInjection;
using Tasklane.Samples;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>The <c>file</c> log storage: finished tasks' lines move from the database to one file per task.</summary>
public sealed class LogArchiverTests
{
    private static async Task<EngineHost> StartWithFileLogsAsync()
    {
        var engine = await EngineHost.StartAsync(o => o.LogArchiveInterval = TimeSpan.FromMilliseconds(100), start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        await engine.Host.Services.GetRequiredService<ITaskSettingsProvider>().UpdateAsync(new TaskSettings { TaskLogStorageBackend = "file" });
        await engine.Host.StartAsync();
        return engine;
    }

    private static TaskLogs Logs(EngineHost engine) => engine.Host.Services.GetRequiredService<TaskLogs>();

    private static TaskLogFiles Files(EngineHost engine) => engine.Host.Services.GetRequiredService<TaskLogFiles>();

    private static Task WaitUntilMovedAsync(EngineHost engine, long id) =>
        Eventually.TrueAsync(async () => (await engine.Store.GetLogsAsync(id, 0, 10, CancellationToken.None)).Count == 0,
            because: $"the lines of task {id} to leave the database");

    [Fact]
    public async Task Archive_FinishedTask_LinesMoveToItsFileWithTheirSequenceNumbers()
    {
        await using var engine = await StartWithFileLogsAsync();
        var task = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("archived <hello>"));
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        await WaitUntilMovedAsync(engine, task.Id);
        var lines = await Logs(engine).GetAsync(task.Id, 0, 100);
        var later = await Logs(engine).GetAsync(task.Id, lines[0].Seq, 100);

        Assert.True(File.Exists(Files(engine).PathOf(task.Id)));
        Assert.Contains(lines, l => l.Message == "archived <hello>");
        Assert.Equal(TaskState.Completed, lines[^1].Status);
        Assert.Equal(lines.Select(l => l.Seq).Order(), lines.Select(l => l.Seq));
        Assert.Equal(lines.Count, lines.Select(l => l.Seq).Distinct().Count());
        Assert.Equal(lines.Skip(1), later);
        Assert.All(lines, l => Assert.Equal(task.Id, l.TaskId));
    }

    [Fact]
    public async Task Archive_TaskRetriedAfterItsLinesMoved_NewLinesFollowTheOldOnes()
    {
        await using var engine = await StartWithFileLogsAsync();
        var task = await engine.Client.CreateAsync("demo", "fail", new FailArgs("first"), new TaskOptions { MaxAttempts = 1 });
        await engine.WaitForStatusAsync(task.Id, TaskState.Failed);
        await WaitUntilMovedAsync(engine, task.Id);
        var first = await Logs(engine).GetAsync(task.Id, 0, 100);

        await engine.Client.RetryAsync(task.Id);
        await Eventually.TrueAsync(async () => (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Attempt == 2
            && (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Status == TaskState.Failed, because: "the retry to fail again");
        await WaitUntilMovedAsync(engine, task.Id);
        var all = await Logs(engine).GetAsync(task.Id, 0, 100);

        Assert.Equal(first, all.Take(first.Count));
        Assert.True(all.Count > first.Count);
        Assert.Equal(all.Select(l => l.Seq).Order(), all.Select(l => l.Seq));
        Assert.Equal(all.Count, all.Select(l => l.Seq).Distinct().Count());
        Assert.Equal(2, all.Count(l => l.Message.StartsWith("Started attempt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cleanup_TaskWithMovedLines_FileRemovedWithTheTask()
    {
        await using var engine = await StartWithFileLogsAsync();
        var task = await engine.Client.CreateAsync("demo", "noop", new { });
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
        await WaitUntilMovedAsync(engine, task.Id);
        Assert.True(File.Exists(Files(engine).PathOf(task.Id)));

        var result = await engine.Client.CleanupAsync(0);

        Assert.Equal(1, result.Tasks);
        Assert.False(File.Exists(Files(engine).PathOf(task.Id)));
        Assert.Empty(await Logs(engine).GetAsync(task.Id, 0, 100));
    }

    [Fact]
    public async Task Archive_DatabaseBackend_LinesStayInTheDatabase()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("demo", "noop", new { });
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        var moved = await engine.Host.Services.GetRequiredService<LogArchiver>().ArchiveOnceAsync(CancellationToken.None);

        Assert.Equal(0, moved);
        Assert.NotEmpty(await engine.Store.GetLogsAsync(task.Id, 0, 10, CancellationToken.None));
        Assert.False(File.Exists(Files(engine).PathOf(task.Id)));
    }

    [Fact]
    public async Task Append_SameLinesAgainAfterALineCutShort_EachLineOnce()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        var files = Files(engine);
        TaskLogLine Line(long seq) => new() { Seq = seq, TaskId = 42, At = DateTimeOffset.UnixEpoch.AddSeconds(seq), Level = "info", Message = $"line {seq}", Status = TaskState.Running };
        Assert.True(await files.AppendAsync(42, [Line(1), Line(2)], CancellationToken.None));
        await File.AppendAllTextAsync(files.PathOf(42), "{\"seq\":3,\"mess");

        Assert.True(await files.AppendAsync(42, [Line(1), Line(2), Line(3)], CancellationToken.None));
        Assert.True(await files.AppendAsync(42, [Line(2), Line(3), Line(4)], CancellationToken.None));

        Assert.Equal([Line(1), Line(2), Line(3), Line(4)], await files.ReadAsync(42, 0, 100, CancellationToken.None));
        Assert.Equal([Line(4)], await files.ReadAsync(42, 3, 100, CancellationToken.None));
        Assert.Empty(await files.ReadAsync(7, 0, 100, CancellationToken.None));
    }
}
