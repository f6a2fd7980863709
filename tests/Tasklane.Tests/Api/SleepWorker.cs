namespace Tasklane.Tests.Api;

/// <summary>A small worker for the API tests: sleeps, runs until cancelled, fails, logs a message, or many.</summary>
[Worker("sleep", Title = "Sleep", MaxAttempts = 1)]
public sealed class SleepWorker : TaskWorker
{
    public sealed record Args(int Seconds);

    public sealed record LogArgs(string Message);

    public sealed record ChatterArgs(int Lines);

    [Action("nap")]
    public async Task NapAsync(TaskContext task, Args args, CancellationToken cancellationToken)
    {
        await task.LogAsync($"napping {args.Seconds}s");
        await Task.Delay(TimeSpan.FromSeconds(args.Seconds), cancellationToken);
        await task.ReportAsync(1, 1, "rested");
    }

    [Action("forever")]
    public async Task ForeverAsync(TaskContext task, CancellationToken cancellationToken)
    {
        await task.LogAsync("waiting to be cancelled");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Action("fail")]
    public Task FailAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : throw new InvalidOperationException("boom");

    [Action("log")]
    public async Task LogAsync(TaskContext task, LogArgs args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await task.LogAsync(args.Message);
    }

    [Action("chatter")]
    public async Task ChatterAsync(TaskContext task, ChatterArgs args, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= args.Lines; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await task.LogAsync($"line {i} <b>&</b>");
        }
    }
}
