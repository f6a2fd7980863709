using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>Claims due tasks in batches within the node's free slots and hands them to the executor.</summary>
internal sealed partial class Dispatcher(
    ITaskStore store,
    WorkerRegistry registry,
    RunningTasks running,
    Executor executor,
    TaskSignal signal,
    ITaskSettingsProvider settings,
    IOptions<TasklaneOptions> options,
    TimeProvider time,
    ILogger<Dispatcher> logger)
{
    private readonly HashSet<Task> _executions = [];

    /// <summary>The handlers started and not yet finished (each one leaves the set as it finishes).</summary>
    public Task[] Executions
    {
        get { lock (_executions) return [.. _executions]; }
    }

    /// <param name="claimToken">Stops claiming.</param>
    /// <param name="shutdownToken">Fires the running handlers' tokens (after the grace period).</param>
    public async Task RunAsync(CancellationToken claimToken, CancellationToken shutdownToken)
    {
        var o = options.Value;
        var failures = 0;
        while (!claimToken.IsCancellationRequested)
        {
            var wait = o.PollInterval;
            try
            {
                var claimed = await ClaimOnceAsync(shutdownToken, claimToken);
                failures = 0;
                if (claimed > 0) continue; // there may be more due: claim again at once
                var next = await store.NextDueAsync(time.GetUtcNow(), claimToken);
                if (next is { } due)
                {
                    var until = due - time.GetUtcNow();
                    if (until < wait) wait = until < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : until;
                }
            }
            catch (OperationCanceledException) when (claimToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                failures++;
                if (failures == 1) LogClaimFailed(ex);
                wait = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, failures), 10_000));
            }
            try
            {
                await signal.WaitAsync(wait, claimToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<int> ClaimOnceAsync(CancellationToken shutdownToken, CancellationToken claimToken)
    {
        var current = await settings.GetAsync(claimToken);
        var free = current.TaskMaxConcurrent - running.Count;
        if (free <= 0) return 0;
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (queue, limit) in options.Value.Queues)
        {
            slots[queue] = Math.Max(0, limit - running.CountInQueue(queue));
        }
        var now = time.GetUtcNow();
        var tasks = await store.ClaimAsync(new ClaimParams
        {
            NodeId = options.Value.NodeId,
            Now = now,
            LeaseExpiresAt = now.AddSeconds(current.LeaseSeconds),
            Limit = free,
            Workers = registry.Identifiers,
            QueueSlots = slots,
        }, claimToken);
        foreach (var task in tasks)
        {
            var cancellation = running.Add(task.Id, task.Queue);
            var execution = Task.Run(() => executor.RunAsync(task, cancellation, options.Value.NodeId, shutdownToken), CancellationToken.None);
            lock (_executions) _executions.Add(execution);
            // Registered after the add, so the removal can never run before it.
            _ = execution.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return tasks.Count;
    }

    private void Forget(Task execution)
    {
        lock (_executions) _executions.Remove(execution);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming tasks failed; retrying with backoff")]
    private partial void LogClaimFailed(Exception ex);
}
