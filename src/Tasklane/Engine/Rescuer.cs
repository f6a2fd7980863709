using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>Finds running tasks whose lease expired (their node died) and retries or fails them.</summary>
internal sealed partial class Rescuer(ITaskStore store, TaskSignal signal, IOptions<TasklaneOptions> options, TimeProvider time, ILogger<Rescuer> logger)
{
    /// <summary>The log line and error text of a rescued task.</summary>
    public const string LostTrackMessage = "Tasklane has lost track of the process";

    public async Task<int> RescueOnceAsync(CancellationToken cancellationToken)
    {
        var ids = await store.RescueAsync(new RescueParams { Now = time.GetUtcNow(), Message = LostTrackMessage }, cancellationToken);
        if (ids.Count > 0)
        {
            LogRescued(ids.Count, string.Join(", ", ids));
            signal.Wake();
        }
        return ids.Count;
    }

    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(RescueOnceAsync, () => options.Value.RescueInterval, time, LogFailed, null, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rescued {Count} task(s) with expired leases: {Ids}")]
    private partial void LogRescued(int count, string ids);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rescue failed; retrying")]
    private partial void LogFailed(Exception ex);
}
