using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>
/// The loop that fires due schedules; runs on every node (a tick fires once whichever node gets it). It sleeps until the
/// next tick it knows of, at most <see cref="TasklaneOptions.SchedulerInterval"/> (a schedule changed on another node
/// is seen within it), and wakes at once when a schedule changes through this node.
/// </summary>
internal sealed partial class Scheduler(ScheduleService schedules, IOptions<TasklaneOptions> options, TimeProvider time, ILogger<Scheduler> logger)
{
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(5);
    private DateTimeOffset? _next;

    public Task RunAsync(CancellationToken stoppingToken) => PeriodicLoop.RunAsync(FireAsync, WaitAsync, LogFailed, null, stoppingToken);

    private async Task FireAsync(CancellationToken cancellationToken)
    {
        _next = null; // a failed read waits the whole interval
        _next = (await schedules.FireDueAsync(options.Value.SchedulerInterval, cancellationToken)).Next;
    }

    private Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = options.Value.SchedulerInterval;
        if (_next is { } next)
        {
            var until = next - time.GetUtcNow();
            if (until < wait) wait = until < Shortest ? Shortest : until;
        }
        return schedules.Changed.WaitAsync(wait, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing schedules failed; retrying")]
    private partial void LogFailed(Exception ex);
}
