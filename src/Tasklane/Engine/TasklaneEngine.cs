using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// Starts and stops one node's loops: dispatcher, completer, report writer, heartbeat, rescuer,
/// retention, the log archiver and the notification listener. Stop is graceful: claiming stops, running tasks get the grace period, the rest are
/// released to run again. Start and stop are idempotent.
/// </summary>
internal sealed partial class TasklaneEngine(
    ITaskStore store,
    Dispatcher dispatcher,
    Completer completer,
    ReportWriter reports,
    Heartbeat heartbeat,
    Rescuer rescuer,
    Retention retention,
    LogArchiver archiver,
    Scheduler scheduler,
    QueueSampler sampler,
    ScheduleService schedules,
    WorkerCatalog catalog,
    NotificationListener notifications,
    RunningTasks running,
    IOptions<TasklaneOptions> options,
    TimeProvider time,
    ILogger<TasklaneEngine> logger) : IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource? _claim;
    private CancellationTokenSource? _shutdown;
    private CancellationTokenSource? _loops;
    private Task[] _tasks = [];
    private Task? _dispatch;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_loops is not null) return;
            if (options.Value.Validate() is { } error)
            {
                throw new OptionsValidationException(nameof(TasklaneOptions), typeof(TasklaneOptions), [error]);
            }
            await store.MigrateAsync(cancellationToken);
            await catalog.RegisterLocalAsync(cancellationToken);
            await schedules.EnsureDefinedAsync(cancellationToken);
            if (!options.Value.RunEngine) return;
            // Only after the first beat: if it throws, _loops stays null and a later start tries again.
            await heartbeat.BeatAsync(cancellationToken);
            _loops = new CancellationTokenSource();
            _claim = new CancellationTokenSource();
            _shutdown = new CancellationTokenSource();
            var loops = _loops.Token;
            _tasks =
            [
                Task.Run(() => reports.RunAsync(loops), CancellationToken.None),
                Task.Run(() => completer.RunAsync(loops), CancellationToken.None),
                Task.Run(() => heartbeat.RunAsync(loops), CancellationToken.None),
                Task.Run(() => rescuer.RunAsync(loops), CancellationToken.None),
                Task.Run(() => retention.RunAsync(loops), CancellationToken.None),
                Task.Run(() => archiver.RunAsync(loops), CancellationToken.None),
                Task.Run(() => scheduler.RunAsync(loops), CancellationToken.None),
                Task.Run(() => sampler.RunAsync(loops), CancellationToken.None),
                Task.Run(() => notifications.RunAsync(loops), CancellationToken.None),
            ];
            var claim = _claim.Token;
            var shutdown = _shutdown.Token;
            _dispatch = Task.Run(() => dispatcher.RunAsync(claim, shutdown), CancellationToken.None);
            LogStarted(options.Value.NodeId, store.Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_loops is null || _claim is null || _shutdown is null) return;
            await _claim.CancelAsync();
            if (_dispatch is not null) await _dispatch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            var executions = dispatcher.Executions;
            var grace = Task.WhenAll(executions).WaitAsync(options.Value.ShutdownGrace, time, cancellationToken);
            await grace.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var leftOver = running.Ids;
            if (leftOver.Count > 0)
            {
                LogReleasing(leftOver.Count);
                await _shutdown.CancelAsync();
                await Task.WhenAll(dispatcher.Executions).WaitAsync(TimeSpan.FromSeconds(2), time, CancellationToken.None)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            // The final writes are bounded by the host's shutdown timeout (the token): with the database down they
            // would retry forever. What they could not write is named in the log.
            var flushed = true;
            try
            {
                await completer.FlushAsync(cancellationToken);
                await reports.FlushAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                flushed = false;
                LogFlushCut(options.Value.NodeId);
            }
            if (!flushed)
            {
                // The loops stop too; one blocked in the database is not waited for past a moment.
                await _loops.CancelAsync();
                await Task.WhenAll(_tasks).WaitAsync(TimeSpan.FromSeconds(1), time, CancellationToken.None)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                completer.AbandonQueued();
                return;
            }
            if (leftOver.Count > 0)
            {
                await store.ReleaseAsync(new ReleaseParams
                {
                    NodeId = options.Value.NodeId,
                    TaskIds = leftOver,
                    Now = time.GetUtcNow(),
                    Message = "Released at node shutdown; it will run again",
                }, cancellationToken);
            }
            await _loops.CancelAsync();
            await Task.WhenAll(_tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await store.RemoveNodeAsync(options.Value.NodeId, cancellationToken);
            LogStopped(options.Value.NodeId);
        }
        catch (Exception ex)
        {
            LogStopFailed(ex);
        }
        finally
        {
            _loops?.Dispose();
            _claim?.Dispose();
            _shutdown?.Dispose();
            _loops = _claim = _shutdown = null;
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tasklane node {NodeId} started on {Store}")]
    private partial void LogStarted(string nodeId, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tasklane node {NodeId} stopped")]
    private partial void LogStopped(string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grace period over: releasing {Count} running task(s)")]
    private partial void LogReleasing(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tasklane node {NodeId}: the shutdown timeout ended the final writes; what was not written is logged above")]
    private partial void LogFlushCut(string nodeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping the engine failed")]
    private partial void LogStopFailed(Exception ex);
}
