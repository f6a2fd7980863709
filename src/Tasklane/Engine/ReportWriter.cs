using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>Buffers progress updates and log lines from handlers and writes them to the store in batches.</summary>
internal sealed partial class ReportWriter(ITaskStore store, IOptions<TasklaneOptions> options, TimeProvider time, ILogger<ReportWriter> logger)
{
    private const int MaxBatch = 500;
    private readonly Channel<TaskReport> _channel = Channel.CreateUnbounded<TaskReport>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _flushLock = new(1, 1);

    public ValueTask EnqueueAsync(TaskReport report)
    {
        _channel.Writer.TryWrite(report);
        return ValueTask.CompletedTask;
    }

    public void TryEnqueue(TaskReport report) => _channel.Writer.TryWrite(report);

    /// <summary>Writes everything buffered so far.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushLock.WaitAsync(cancellationToken);
        var batch = new List<TaskReport>();
        try
        {
            while (_channel.Reader.TryRead(out var report))
            {
                batch.Add(report);
                if (batch.Count >= MaxBatch)
                {
                    await WriteAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
            if (batch.Count > 0) await WriteAsync(batch, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && batch.Count > 0)
        {
            LogNotWritten(batch.Count, string.Join(", ", batch.Select(r => r.TaskId).Distinct()));
            throw;
        }
        finally
        {
            _flushLock.Release();
        }
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _channel.Reader.WaitToReadAsync(stoppingToken);
                await Task.Delay(options.Value.ReportFlushInterval, time, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogLoopError(ex);
                await Delay(stoppingToken);
            }
        }
    }

    /// <summary>A database outage must not lose lines: keep trying with a growing pause.</summary>
    private Task WriteAsync(List<TaskReport> batch, CancellationToken cancellationToken) =>
        PeriodicLoop.WriteUntilDoneAsync(ct => store.ReportAsync(batch, ct), ex => LogWriteError(ex, batch.Count), time, cancellationToken);

    private async Task Delay(CancellationToken cancellationToken)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken); }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown timeout: {Count} progress report(s) and log line(s) not written, of tasks {TaskIds}")]
    private partial void LogNotWritten(int count, string taskIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report writer loop failed; continuing")]
    private partial void LogLoopError(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} task reports; retrying")]
    private partial void LogWriteError(Exception ex, int count);
}
