using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>Records the node, renews its leases and fires the tokens of tasks whose cancellation another node asked for.</summary>
internal sealed partial class Heartbeat(
    ITaskStore store,
    WorkerRegistry registry,
    RunningTasks running,
    ITaskSettingsProvider settings,
    IOptions<TasklaneOptions> options,
    TimeProvider time,
    ILogger<Heartbeat> logger)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var current = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var queues = new Dictionary<string, int>(o.Queues, StringComparer.Ordinal);
        queues.TryAdd("default", current.TaskMaxConcurrent);
        var result = await store.HeartbeatAsync(new HeartbeatParams
        {
            Node = new NodeRow
            {
                Id = o.NodeId,
                Host = Environment.MachineName,
                Pid = Environment.ProcessId,
                StartedAt = _startedAt,
                LastHeartbeat = now,
                Queues = queues,
                Workers = registry.Identifiers,
                Concurrency = current.TaskMaxConcurrent,
                Running = running.Count,
            },
            LeaseExpiresAt = now.AddSeconds(current.LeaseSeconds),
        }, cancellationToken);
        foreach (var id in result.CancelRequested) running.RequestCancel(id);
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await BeatAsync(stoppingToken);
                if (failing) LogRecovered();
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!failing) LogFailed(ex);
                failing = true;
            }
            try { await Task.Delay(options.Value.HeartbeatInterval, time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Heartbeat failed; retrying")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat recovered")]
    private partial void LogRecovered();
}
