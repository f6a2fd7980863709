using Tasklane.Samples;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

public sealed class EngineFailureTests
{
    [Fact]
    public async Task Run_FlakyTask_RetriesWithBackoffThenCompletes()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("demo", "flaky", new FlakyArgs(2));
        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.Equal(3, done.Attempt);
        var log = await engine.LogMessagesAsync(task.Id);
        Assert.Equal(2, log.Count(m => m.Contains("failed: Flaky failure", StringComparison.Ordinal) && m.Contains("Retrying in", StringComparison.Ordinal)));
        Assert.Contains("Succeeded on attempt 3", log);
    }

    [Fact]
    public async Task Run_AttemptsExhausted_FailsKeepingErrorAndStackTrace()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("demo", "flaky", new FlakyArgs(5), new TaskOptions { MaxAttempts = 2 });
        var failed = await engine.WaitForStatusAsync(task.Id, TaskState.Failed);

        Assert.Equal(2, failed.Attempt);
        Assert.Equal("Flaky failure 2 of 5", failed.Error);
        Assert.Contains("DemoWorker.FlakyAsync", failed.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_FailedTask_RunsAgainWithAFreshBudget()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("demo", "flaky", new FlakyArgs(1), new TaskOptions { MaxAttempts = 1 });
        await engine.WaitForStatusAsync(task.Id, TaskState.Failed);

        var retried = await engine.Client.RetryAsync(task.Id);
        var done = await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.Equal(TransitionOutcome.Done, retried.Outcome);
        Assert.Equal(2, done.Attempt);
        Assert.Contains("Succeeded on attempt 2", await engine.LogMessagesAsync(task.Id));
    }

    [Fact]
    public async Task Retry_CompletedTask_IsWrongState()
    {
        await using var engine = await EngineHost.StartAsync();
        var task = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("x"));
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.Equal(TransitionOutcome.WrongState, (await engine.Client.RetryAsync(task.Id)).Outcome);
        Assert.Equal(TransitionOutcome.NotFound, (await engine.Client.RetryAsync(999_999)).Outcome);
    }

    [Fact]
    public async Task Run_ActionTimeout_FailsAsTimedOut()
    {
        await using var engine = await EngineHost.StartAsync();

        var task = await engine.Client.CreateAsync("test", "slow", null);
        var failed = await engine.WaitForStatusAsync(task.Id, TaskState.Failed);

        Assert.Equal("Timed out after 1 s", failed.Error);
    }

    [Fact]
    public async Task Run_HandlerThrows_OtherTasksCarryOn()
    {
        await using var engine = await EngineHost.StartAsync();

        var bad = await engine.Client.CreateAsync("demo", "fail", new FailArgs("boom"));
        var good = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("fine"));

        Assert.Equal("boom", (await engine.WaitForStatusAsync(bad.Id, TaskState.Failed)).Error);
        await engine.WaitForStatusAsync(good.Id, TaskState.Completed);
    }
}
