using Microsoft.Extensions.DependencyInjection;
using Tasklane.Samples;

namespace Tasklane.Tests.Engine;

public sealed class SubtaskEngineTests
{
    private static async Task<IReadOnlyList<TaskRow>> StepsAsync(EngineHost engine, long parentId) =>
        [.. (await engine.Store.ListTasksAsync(new TaskQuery { ParentId = parentId }, CancellationToken.None)).Items.OrderBy(t => t.Id)];

    private static TaskRow Step(IReadOnlyList<TaskRow> steps, string name) => steps.Single(s => s.Name == name);

    [Fact]
    public async Task Pipeline_NoFailure_RunsInDependencyOrderWithFanOutAndCompletes()
    {
        await using var engine = await EngineHost.StartAsync();

        var pipeline = await engine.Client.CreateAsync("demo", "pipeline", new PipelineArgs());
        var done = await engine.WaitForStatusAsync(pipeline.Id, TaskState.Completed);

        var steps = await StepsAsync(engine, pipeline.Id);
        Assert.Equal(["fetch", "transform-a", "transform-b", "publish"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal((TaskState.Completed, 200), (s.Status, s.ResponseCode!.Value)));
        var (fetch, a, b, publish) = (Step(steps, "fetch"), Step(steps, "transform-a"), Step(steps, "transform-b"), Step(steps, "publish"));
        Assert.True(a.StartedAt >= fetch.EndedAt && b.StartedAt >= fetch.EndedAt, "transforms start after fetch");
        Assert.True(publish.StartedAt >= a.EndedAt && publish.StartedAt >= b.EndedAt, "publish starts after both transforms");
        Assert.True(a.StartedAt < b.EndedAt && b.StartedAt < a.EndedAt, "the two transforms run in parallel");
        Assert.Equal(100, done.Progress);
        Assert.Contains("All 4 subtasks completed", await engine.LogMessagesAsync(pipeline.Id));
        Assert.Equal(1, (await engine.Store.ListTasksAsync(new TaskQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task CreateSubtasks_FromASubtask_FailsThatStepAndTheParentSayingOneLevel()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("test", "nest", null);

        var failed = await engine.WaitForStatusAsync(task.Id, TaskState.Failed);

        Assert.Contains("Subtask 'outer' failed", failed.Error, StringComparison.Ordinal);
        Assert.Contains("one level of subtasks", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_SubtaskOnlyActionAtTopLevel_IsRefusedButPipelineStepsRunIt()
    {
        await using var engine = await EngineHost.StartAsync();

        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateAsync("demo", "step", new StepArgs("fetch")));
        var pipeline = await engine.Client.CreateAsync("demo", "pipeline", new PipelineArgs());
        await engine.WaitForStatusAsync(pipeline.Id, TaskState.Completed);

        Assert.Equal((TaskCreateError.SubtaskOnlyAction, "action"), (refused.Error, refused.Field));
        Assert.All(await StepsAsync(engine, pipeline.Id), s => Assert.Equal(("step", TaskState.Completed), (s.Action, s.Status)));
    }

    [Fact]
    public async Task Pipeline_FailedStep_BlocksDependentsFailsParentAndRetryLetsItComplete()
    {
        await using var engine = await EngineHost.StartAsync();

        var pipeline = await engine.Client.CreateAsync("demo", "pipeline", new PipelineArgs("transform-a"));
        var failed = await engine.WaitForStatusAsync(pipeline.Id, TaskState.Failed);
        await engine.WaitForStatusAsync(Step(await StepsAsync(engine, pipeline.Id), "transform-b").Id, TaskState.Completed);

        var steps = await StepsAsync(engine, pipeline.Id);
        Assert.Equal("Subtask 'transform-a' failed: Step transform-a failed on its first attempt", failed.Error);
        Assert.Equal((TaskState.Failed, 503), (Step(steps, "transform-a").Status, Step(steps, "transform-a").ResponseCode!.Value));
        Assert.Equal(TaskState.Pending, Step(steps, "publish").Status);
        Assert.Equal(50, failed.Progress);

        var (refusal, retried) = await engine.Host.Services.GetRequiredService<SubtaskService>().RetryAsync(Step(steps, "transform-a").Id, CancellationToken.None);
        Assert.Equal(SubtaskRetryRefusal.None, refusal);
        Assert.Equal(TaskState.Pending, retried!.Status);
        var done = await engine.WaitForStatusAsync(pipeline.Id, TaskState.Completed);

        steps = await StepsAsync(engine, pipeline.Id);
        Assert.All(steps, s => Assert.Equal(TaskState.Completed, s.Status));
        Assert.Equal(2, Step(steps, "transform-a").Attempt);
        Assert.Equal(1, Step(steps, "transform-b").Attempt);
        Assert.Contains("Reopened: subtask 'transform-a' retried", await engine.LogMessagesAsync(done.Id));
    }

    [Fact]
    public async Task RetrySubtask_OutsideTheWindowOrNotFailed_IsRefused()
    {
        await using var engine = await EngineHost.StartAsync();
        var service = engine.Host.Services.GetRequiredService<SubtaskService>();
        var pipeline = await engine.Client.CreateAsync("demo", "pipeline", new PipelineArgs("fetch"));
        await engine.WaitForStatusAsync(pipeline.Id, TaskState.Failed);
        var fetch = Step(await StepsAsync(engine, pipeline.Id), "fetch");
        var publish = Step(await StepsAsync(engine, pipeline.Id), "publish");

        // Backdate the failure past the window, as if it had failed two days ago.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tasks SET ended_at = ended_at - 172800000 WHERE id = $id";
            command.Parameters.AddWithValue("$id", fetch.Id);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(SubtaskRetryRefusal.OutsideWindow, (await service.RetryAsync(fetch.Id, CancellationToken.None)).Refusal);
        Assert.Equal(SubtaskRetryRefusal.NotFailed, (await service.RetryAsync(publish.Id, CancellationToken.None)).Refusal);
        Assert.Equal(SubtaskRetryRefusal.NotFound, (await service.RetryAsync(pipeline.Id, CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task CreateSubtasks_Cycle_IsRefusedNamingTheLoop()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        var parent = await engine.Client.CreateAsync("test", "record", new NamedArgs("parent"));
        var factory = engine.Host.Services.GetRequiredService<SubtaskFactory>();

        var cycle = await Assert.ThrowsAsync<TaskCreateException>(() => factory.CreateAsync(parent,
        [
            new SubtaskSpec("a", "test", "record", new NamedArgs("a")) { DependsOn = ["c"] },
            new SubtaskSpec("b", "test", "record", new NamedArgs("b")) { DependsOn = ["a"] },
            new SubtaskSpec("c", "test", "record", new NamedArgs("c")) { DependsOn = ["b"] },
        ], CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<TaskCreateException>(() => factory.CreateAsync(parent,
            [new SubtaskSpec("a", "test", "record", new NamedArgs("a")) { DependsOn = ["ghost"] }], CancellationToken.None));
        var badData = await Assert.ThrowsAsync<TaskCreateException>(() => factory.CreateAsync(parent,
            [new SubtaskSpec("a", "demo", "sleep", new { seconds = "x" })], CancellationToken.None));

        Assert.Equal("depends_on", cycle.Field);
        Assert.Contains("a → c → b → a", cycle.Message, StringComparison.Ordinal);
        Assert.Contains("ghost", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("data.seconds", badData.Field);
        Assert.Empty(await StepsAsync(engine, parent.Id));
    }

    [Fact]
    public async Task CreateSubtasks_SameNamesAgain_ReturnsTheExistingSteps()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        var parent = await engine.Client.CreateAsync("test", "record", new NamedArgs("parent"));
        var factory = engine.Host.Services.GetRequiredService<SubtaskFactory>();
        SubtaskSpec[] specs = [new("a", "test", "record", new NamedArgs("a")), new("b", "test", "record", new NamedArgs("b")) { DependsOn = ["a"] }];

        var first = await factory.CreateAsync(parent, specs, CancellationToken.None);
        var again = await factory.CreateAsync(parent, specs, CancellationToken.None);

        Assert.Equal(first.Select(t => t.Id), again.Select(t => t.Id));
        Assert.Equal(2, (await StepsAsync(engine, parent.Id)).Count);
        Assert.Equal([first[0].Id], (await engine.Store.GetDependenciesAsync([first[1].Id], CancellationToken.None))[first[1].Id]);
    }

    [Fact]
    public async Task Cancel_ParentAwaitingSubtasks_CancelsPendingAndRunningSteps()
    {
        await using var engine = await EngineHost.StartAsync();
        var parent = await engine.Client.CreateAsync("test", "record", new NamedArgs("parent"), new TaskOptions { RunAt = DateTimeOffset.UtcNow.AddHours(1) });
        var factory = engine.Host.Services.GetRequiredService<SubtaskFactory>();
        var steps = await factory.CreateAsync(parent, [
            new SubtaskSpec("hold", "test", "hold", new HoldArgs()),
            new SubtaskSpec("after", "test", "record", new NamedArgs("after")) { DependsOn = ["hold"] },
        ], CancellationToken.None);
        await engine.Client.ExecuteNowAsync(parent.Id);
        await engine.WaitForStatusAsync(steps[0].Id, TaskState.Running);
        await Support.Eventually.TrueAsync(async () => (await engine.Client.GetAsync(parent.Id))!.AwaitingSubtasks);

        var result = await engine.Client.CancelAsync(parent.Id);

        Assert.Equal(TaskState.Cancelled, result.Task!.Status);
        await engine.WaitForStatusAsync(steps[1].Id, TaskState.Cancelled);
        await engine.WaitForStatusAsync(steps[0].Id, TaskState.Cancelled, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Rescue_NodeKilledDuringASubtask_RescuesItAndLeavesTheOthers()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        var parent = await engine.Client.CreateAsync("test", "record", new NamedArgs("parent"));
        var steps = await engine.Host.Services.GetRequiredService<SubtaskFactory>().CreateAsync(parent, [
            new SubtaskSpec("lost", "narrow", "hold", new HoldArgs("lost")),
            new SubtaskSpec("fine", "test", "record", new NamedArgs("fine")),
        ], CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var claimed = await engine.Store.ClaimAsync(new ClaimParams
        {
            NodeId = "dead-node", Now = now, LeaseExpiresAt = now.AddSeconds(-1), Limit = 1, Workers = ["narrow"],
        }, CancellationToken.None);
        Assert.Equal(steps[0].Id, Assert.Single(claimed).Id);

        await engine.Host.StartAsync();
        await engine.WaitForStatusAsync(steps[1].Id, TaskState.Completed);
        await Support.Eventually.TrueAsync(() => engine.Journal.Started.Contains("lost"));
        engine.Journal.Gate.Release();
        await engine.WaitForStatusAsync(parent.Id, TaskState.Completed);

        var lost = await engine.Client.GetAsync(steps[0].Id);
        var fine = await engine.Client.GetAsync(steps[1].Id);
        Assert.Equal((2, 1), (lost!.Attempt, fine!.Attempt));
        Assert.Contains("Tasklane has lost track of the process", await engine.LogMessagesAsync(steps[0].Id));
        Assert.DoesNotContain("Tasklane has lost track of the process", await engine.LogMessagesAsync(steps[1].Id));
    }
}
