using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// Samples the pending backlog per queue every few seconds for the <c>task_queue_length</c> gauge and overflow
/// counting. Every queue it knows of (those in the store, those of the registered workers, this node's configured
/// ones) gets a sample, 0 when empty, and the counters of every registered worker action exist from the first sample:
/// a series that appears only with its first event breaks <c>rate()</c> alerts.
/// </summary>
internal sealed partial class QueueSampler(
    ITaskStore store, TasklaneMetrics metrics, WorkerRegistry registry, IOptions<TasklaneOptions> options, TimeProvider time, ILogger<QueueSampler> logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountByQueueAsync(null, cancellationToken);
        var pending = new Dictionary<string, long>(StringComparer.Ordinal) { ["default"] = 0 };
        foreach (var queue in options.Value.Queues.Keys) pending[queue] = 0;
        foreach (var worker in registry.Workers)
        {
            pending.TryAdd(worker.Queue, 0);
            foreach (var action in worker.Actions.Keys) TasklaneMetrics.Known(worker.Identifier, action, worker.Queue);
        }
        foreach (var count in counts)
        {
            pending[count.Queue] = pending.GetValueOrDefault(count.Queue) + (count.Status == TaskState.Pending ? count.Count : 0);
        }
        metrics.SetPending(pending);
    }

    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(SampleOnceAsync, () => Interval, time, LogFailed, null, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling queue lengths failed; retrying")]
    private partial void LogFailed(Exception ex);
}
