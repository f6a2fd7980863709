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
    private DateTimeOffset? _lastBeat;

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

    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(BeatIfDueAsync, () => options.Value.HeartbeatInterval, time, LogFailed, LogRecovered, stoppingToken);

    /// <summary>
    /// Beats every interval while this node holds tasks (leases to renew, cancel requests to look for); with none, at
    /// most once per <see cref="IdleInterval"/>, well within the window in which a node counts as alive. The loop still
    /// turns every interval, so a node that starts holding tasks beats at the next turn.
    /// </summary>
    private async Task BeatIfDueAsync(CancellationToken cancellationToken)
    {
        if (running.Held == 0 && _lastBeat is { } last && time.GetUtcNow() - last < IdleInterval) return;
        await BeatAsync(cancellationToken);
        _lastBeat = time.GetUtcNow();
    }

    /// <summary>How often a node that holds no task records itself.</summary>
    internal static TimeSpan IdleInterval { get; } = TimeSpan.FromSeconds(5);

    [LoggerMessage(Level = LogLevel.Error, Message = "Heartbeat failed; retrying")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat recovered")]
    private partial void LogRecovered();
}
