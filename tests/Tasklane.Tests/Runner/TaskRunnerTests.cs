using Microsoft.Extensions.DependencyInjection;
using Tasklane.Testing;

namespace Tasklane.Tests.Runner;

/// <summary>Tasklane.Testing's TaskRunner: one action run in process on a temporary SQLite file, and what it left.</summary>
public sealed class TaskRunnerTests
{
    private static TaskRunner Printer() =>
        TaskRunner.For<ReportCardWorker>(new ServiceCollection().AddSingleton(new Signature("the head")));

    [Fact]
    public async Task RunAsync_HandlerReportsLogsAndSaves_CompletedWithProgressLogsAndArtifact()
    {
        var run = await Printer().RunAsync("print", new CardsArgs("Hilltop", 4));

        Assert.Equal(TaskState.Completed, run.Status);
        Assert.Equal(100, run.Progress);
        Assert.Equal((4L, 4L), (run.Processed, run.Total));
        Assert.Equal("Card 4", run.Message);
        Assert.Contains("Printed 4 cards for Hilltop, signed the head", run.LogMessages);
        Assert.Equal("Completed", run.LogMessages[^1]);
        Assert.Null(run.Error);
        Assert.Equal("cards.csv", run.Artifact?.Name);
        Assert.Equal("pupil,school\n1,Hilltop\n2,Hilltop\n3,Hilltop\n4,Hilltop\n", run.Artifact?.Text);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_FailedAfterOneAttemptWithErrorAndProgressSoFar()
    {
        var run = await Printer().RunAsync("jam", new CardsArgs("Hilltop", 4));

        Assert.Equal(TaskState.Failed, run.Status);
        Assert.Equal("The printer jammed", run.Error);
        Assert.Contains(nameof(ReportCardWorker.JamAsync), run.StackTrace, StringComparison.Ordinal);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(25, run.Progress);
        Assert.Equal("Failed: The printer jammed", run.LogMessages[^1]);
        Assert.Null(run.Artifact);
    }

    [Fact]
    public async Task RunAsync_DataThatDoesNotFit_IsRefusedAsAtCreation()
    {
        var runner = Printer();

        var outOfRange = await Assert.ThrowsAsync<TaskCreateException>(() => runner.RunAsync("print", new CardsArgs("Hilltop", 0)));
        var wrongType = await Assert.ThrowsAsync<TaskCreateException>(() => runner.RunAsync("print", "{\"school\":\"Hilltop\",\"pupils\":\"many\"}"));
        var unknown = await Assert.ThrowsAsync<TaskCreateException>(() => runner.RunAsync("laminate"));

        Assert.Equal((TaskCreateError.InvalidData, "data.pupils"), (outOfRange.Error, outOfRange.Field));
        Assert.Equal((TaskCreateError.InvalidData, "data.pupils"), (wrongType.Error, wrongType.Field));
        Assert.Equal(TaskCreateError.UnknownAction, unknown.Error);
    }

    [Fact]
    public async Task RunAsync_WithAnAttemptBudget_RetriesUntilTheHandlerSucceeds()
    {
        var run = await Printer().RunAsync("flaky", options: new TaskOptions { MaxAttempts = 2 });

        Assert.Equal(TaskState.Completed, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Contains("Attempt 1", run.LogMessages);
        Assert.Contains("Attempt 2", run.LogMessages);
        Assert.Contains(run.LogMessages, m => m.StartsWith("Attempt 1 failed: The printer is warming up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_HandlerOutlastsTheTimeout_CancelsItAndThrows()
    {
        var runner = Printer();
        runner.Timeout = TimeSpan.FromMilliseconds(500);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync("wait"));

        Assert.Contains("report-card/wait", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DelegateWorker_RunsThroughTheSamePath()
    {
        var runner = TaskRunner.For(b => b.AddWorker("cleanup", "run", async (TaskContext task, CardsArgs args, CancellationToken ct) =>
        {
            await task.ReportAsync(50, "half way");
            await task.LogAsync($"Cleaned {args.School}");
        }));

        var run = await runner.RunAsync(new TaskRequest("cleanup", "run", new CardsArgs("Hilltop", 1)));
        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => runner.RunAsync(new TaskRequest("cleanup", "run", new { school = "Hilltop", pupils = 0 })));

        Assert.Equal(TaskState.Completed, run.Status);
        Assert.Equal("half way", run.Message);
        Assert.Equal(50, run.Logs.Single(l => l.Message == "Cleaned Hilltop").Progress);
        Assert.Equal("data.pupils", refused.Field);
        Assert.Throws<InvalidOperationException>(() => { _ = runner.RunAsync("run"); });
    }
}
