namespace Tasklane.Bench;

/// <summary>The bench's worker: one no-op action, so the figures are the platform's own cost.</summary>
[Worker("bench", Title = "Bench", Scope = "bench", Description = "No-op tasks of the benchmark")]
internal sealed class BenchWorker : TaskWorker
{
    /// <summary>Returns at once.</summary>
    [Action("noop")]
    public Task NoopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
