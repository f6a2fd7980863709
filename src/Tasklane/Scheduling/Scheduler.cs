using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>The loop that fires due schedules; runs on every node (a tick fires once whichever node gets it).</summary>
internal sealed partial class Scheduler(ScheduleService schedules, IOptions<TasklaneOptions> options, TimeProvider time, ILogger<Scheduler> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await schedules.FireDueAsync(stoppingToken);
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
            try { await Task.Delay(options.Value.SchedulerInterval, time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing schedules failed; retrying")]
    private partial void LogFailed(Exception ex);
}
