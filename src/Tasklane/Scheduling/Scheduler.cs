using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>The loop that fires due schedules; runs on every node (a tick fires once whichever node gets it).</summary>
internal sealed partial class Scheduler(ScheduleService schedules, IOptions<TasklaneOptions> options, TimeProvider time, ILogger<Scheduler> logger)
{
    public Task RunAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(schedules.FireDueAsync, () => options.Value.SchedulerInterval, time, LogFailed, null, stoppingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing schedules failed; retrying")]
    private partial void LogFailed(Exception ex);
}
