using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>Samples the pending backlog per queue every few seconds for the <c>task_queue_length</c> gauge and overflow counting.</summary>
internal sealed partial class QueueSampler(ITaskStore store, TasklaneMetrics metrics, TimeProvider time, ILogger<QueueSampler> logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountByQueueAsync(null, cancellationToken);
        metrics.SetPending(counts.Where(c => c.Status == TaskState.Pending).ToDictionary(c => c.Queue, c => c.Count, StringComparer.Ordinal));
    }

    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(SampleOnceAsync, () => Interval, time, LogFailed, null, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling queue lengths failed; retrying")]
    private partial void LogFailed(Exception ex);
}
