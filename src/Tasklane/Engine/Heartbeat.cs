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
        PeriodicLoop.RunAsync(BeatIfDueAsync, WaitAsync, LogFailed, LogRecovered, stoppingToken);

    /// <summary>
    /// Beats every interval while this node holds tasks (leases to renew, cancel requests to look for); with none, at
    /// most once per <see cref="IdleInterval"/>, well within the window in which a node counts as alive.
    /// </summary>
    private async Task BeatIfDueAsync(CancellationToken cancellationToken)
    {
        if (running.Held == 0 && _lastBeat is { } last && time.GetUtcNow() - last < IdleInterval) return;
        await BeatAsync(cancellationToken);
        _lastBeat = time.GetUtcNow();
    }

    /// <summary>
    /// Between two turns: one interval while the node holds tasks; with none, until the next idle beat is due, woken
    /// when the node claims a task (it then beats one interval later, as a node that held tasks all along would).
    /// </summary>
    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.HeartbeatInterval;
        if (running.Held > 0 || _lastBeat is not { } last)
        {
            await Task.Delay(interval, time, cancellationToken);
            return;
        }
        var untilIdleBeat = IdleInterval - (time.GetUtcNow() - last);
        if (await running.FirstHeld.WaitAsync(untilIdleBeat > interval ? untilIdleBeat : interval, cancellationToken))
            await Task.Delay(interval, time, cancellationToken);
    }

    /// <summary>How often a node that holds no task records itself.</summary>
    internal static TimeSpan IdleInterval { get; } = TimeSpan.FromSeconds(5);

    [LoggerMessage(Level = LogLevel.Error, Message = "Heartbeat failed; retrying")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat recovered")]
    private partial void LogRecovered();
}
