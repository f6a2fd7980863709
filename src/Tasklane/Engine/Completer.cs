using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// Writes attempt outcomes back to the store in batches, after the handlers' last log lines. While a dispatcher joins
/// its claims to the batches (<see cref="JoinClaims"/>), each batch also claims the next tasks, in the same round trip.
/// </summary>
internal sealed partial class Completer(ITaskStore store, ReportWriter reports, TaskSignal signal, TimeProvider time, ILogger<Completer> logger)
{
    private const int MaxBatch = 200;
    private readonly Channel<TaskOutcome> _channel = Channel.CreateUnbounded<TaskOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private volatile List<TaskOutcome>? _writing;
    private volatile IClaimJoiner? _joiner;

    /// <summary>The dispatcher whose claims each batch joins (<see cref="ITaskStore.CompleteAndClaimAsync"/>), or null for none.</summary>
    public void JoinClaims(IClaimJoiner? joiner) => _joiner = joiner;

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
                if (!await WriteJoinedAsync(batch, cancellationToken))
                {
                    await PeriodicLoop.WriteUntilDoneAsync(ct => store.CompleteAsync(batch, ct), ex => LogWriteError(ex, batch.Count), time, cancellationToken);
                    signal.Wake(); // slots are free: the dispatcher claims
                }
                _writing = null;
            }
        }
        finally
        {
            _flushLock.Release();
        }
    }

    /// <summary>
    /// Writes the batch and claims the next tasks in one store call when a dispatcher joins its claims and one fits now;
    /// false when it did not write the batch (no claim to join, or the call failed: the batch is then written alone, and
    /// written again until done).
    /// </summary>
    private async Task<bool> WriteJoinedAsync(List<TaskOutcome> batch, CancellationToken cancellationToken)
    {
        if (_joiner is not { } joiner || await joiner.BeginJoinedClaimAsync(cancellationToken) is not { } claim) return false;
        IReadOnlyList<TaskRow> claimed = [];
        try
        {
            claimed = await store.CompleteAndClaimAsync(batch, claim, cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogWriteError(ex, batch.Count);
            return false;
        }
        finally
        {
            joiner.EndJoinedClaim(claim, claimed);
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
