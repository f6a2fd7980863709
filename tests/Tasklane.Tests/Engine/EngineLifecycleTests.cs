using Microsoft.Extensions.DependencyInjection;
using Tasklane.Samples;

namespace Tasklane.Tests.Engine;

public sealed class EngineLifecycleTests
{
    [Fact]
    public async Task Create_EchoTask_CompletesWithLogOfEveryTransition()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("hello <world>"));
        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.Equal(100, done.Progress);
        Assert.Equal(1, done.Attempt);
        Assert.NotNull(done.EndedAt);
        var log = await engine.LogMessagesAsync(task.Id);
        Assert.StartsWith("Created", log[0]);
        Assert.Contains(log, m => m.StartsWith("Started attempt 1", StringComparison.Ordinal));
        Assert.Contains("hello <world>", log);
        Assert.Equal("Completed", log[^1]);
    }

    [Fact]
    public async Task Create_SleepTask_ReportsProcessedTotalAndEta()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("demo", "sleep", new SleepArgs(0.5, 5));
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        var lines = await engine.Store.GetLogsAsync(task.Id, 0, 100, CancellationToken.None);
        var steps = lines.Where(l => l.Message.StartsWith("Step ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, steps.Count);
        Assert.All(steps, l => Assert.Equal(5, l.Total));
        Assert.Contains(steps, l => l.Processed is > 0 and < 5 && l.EtaSeconds > 0 && l.Progress is > 0 and < 100);
        Assert.Equal(5, steps[^1].Processed);
    }

    [Fact]
    public async Task Create_DataNotFittingArguments_IsRefusedNamingTheField()
    {
        // Started: the worker's active state is read from the store before the data is checked.
        await using var engine = await EngineHost.StartAsync();

        var wrongType = await Assert.ThrowsAsync<TaskCreateException>(() =>
            engine.Client.CreateFromJsonAsync("demo", "sleep", """{"seconds":"soon"}"""));
        var unknownMember = await Assert.ThrowsAsync<TaskCreateException>(() =>
            engine.Client.CreateFromJsonAsync("demo", "sleep", """{"seconds":1,"stepz":2}"""));
        var outOfRange = await Assert.ThrowsAsync<TaskCreateException>(() =>
            engine.Client.CreateFromJsonAsync("demo", "sleep", """{"steps":0}"""));
        var missing = await Assert.ThrowsAsync<TaskCreateException>(() =>
            engine.Client.CreateFromJsonAsync("demo", "echo", "{}"));

        Assert.Equal(("data.seconds", TaskCreateError.InvalidData), (wrongType.Field, wrongType.Error));
        Assert.Equal(TaskCreateError.InvalidData, unknownMember.Error);
        Assert.Contains("stepz", unknownMember.Message, StringComparison.Ordinal);
        Assert.Equal("data.steps", outOfRange.Field);
        Assert.Equal(TaskCreateError.InvalidData, missing.Error);
        Assert.Contains("message", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownWorkerOrAction_IsRefused()
    {
        await using var engine = await EngineHost.StartAsync(start: false);

        var worker = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateAsync("nope", "echo", null));
        var action = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateAsync("demo", "nope", null));

        Assert.Equal(TaskCreateError.UnknownWorker, worker.Error);
        Assert.Equal(TaskCreateError.UnknownAction, action.Error);
    }

    [Fact]
    public async Task Create_SameIdempotencyKey_ReturnsTheSameTask()
    {
        await using var engine = await EngineHost.StartAsync();
        var options = new TaskOptions { IdempotencyKey = "import-2026-11-23" };

        var first = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("one"), options);
        var second = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("two"), options);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, (await engine.Store.ListTasksAsync(new TaskQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Create_DelayedTask_WaitsForRunAtThenRuns()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("later"),
            new TaskOptions { RunAt = DateTimeOffset.UtcNow.AddMilliseconds(600) });

        Assert.Equal(TaskState.Pending, (await engine.Store.GetTaskAsync(task.Id, CancellationToken.None))!.Status);
        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
        Assert.True(done.StartedAt >= task.RunAt.AddMilliseconds(-5), "started before its run_at");
    }

    [Fact]
    public async Task ExecuteNow_DelayedTask_RunsAtOnce()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("later"),
            new TaskOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });

        var result = await engine.Client.ExecuteNowAsync(task.Id);

        Assert.Equal(TransitionOutcome.Done, result.Outcome);
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
    }

    [Fact]
    public async Task Report_ArtifactSaved_IsAttachedAndReadable()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("demo", "report", new ReportArgs(3));
        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.NotNull(done.Artifact);
        var artifacts = (IArtifactStore)engine.Host.Services.GetService(typeof(IArtifactStore))!;
        using var reader = new StreamReader((await artifacts.OpenReadAsync(done.Artifact!.FileKey, CancellationToken.None))!);
        Assert.Equal("row,value\n1,1\n2,4\n3,9\n", await reader.ReadToEndAsync());
        Assert.Null(await artifacts.OpenReadAsync("../../etc/passwd", CancellationToken.None));
    }
}
