using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>Writes attempt outcomes back to the store in batches, after the handlers' last log lines.</summary>
internal sealed partial class Completer(ITaskStore store, ReportWriter reports, TaskSignal signal, TimeProvider time, ILogger<Completer> logger)
{
    private const int MaxBatch = 200;
    private readonly Channel<TaskOutcome> _channel = Channel.CreateUnbounded<TaskOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private volatile List<TaskOutcome>? _writing;

    public void Enqueue(TaskOutcome outcome) => _channel.Writer.TryWrite(outcome);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _channel.Reader.WaitToReadAsync(stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogLoopError(ex);
            }
        }
    }

    /// <summary>
    /// Writes every queued outcome; retries through database outages so that no outcome is lost.
    /// A flush that finds another one in progress waits for it, so on return the batch it was writing is stored too.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushLock.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var batch = new List<TaskOutcome>();
                while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var outcome)) batch.Add(outcome);
                if (batch.Count == 0) return;
                _writing = batch;
                await reports.FlushAsync(cancellationToken);
                await PeriodicLoop.WriteUntilDoneAsync(ct => store.CompleteAsync(batch, ct), ex => LogWriteError(ex, batch.Count), time, cancellationToken);
                _writing = null;
                signal.Wake();
            }
        }
        finally
        {
            _flushLock.Release();
        }
    }

    /// <summary>
    /// At a stop cut short by the shutdown timeout: gives up the outcomes not written (the batch being written and
    /// those queued), naming their tasks in the log; their leases expire and the rescuer retries them.
    /// </summary>
    public void AbandonQueued()
    {
        var ids = new List<long>(_writing?.Select(o => o.TaskId) ?? []);
        while (_channel.Reader.TryRead(out var outcome)) ids.Add(outcome.TaskId);
        if (ids.Count > 0) LogNotWritten(ids.Count, string.Join(", ", ids));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown timeout: {Count} task outcome(s) not written, of tasks {TaskIds}; their leases expire and the rescuer retries them")]
    private partial void LogNotWritten(int count, string taskIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Completer loop failed; continuing")]
    private partial void LogLoopError(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} task outcomes; retrying")]
    private partial void LogWriteError(Exception ex, int count);
}
