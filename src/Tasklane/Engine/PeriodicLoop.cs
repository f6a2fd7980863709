namespace Tasklane;

/// <summary>
/// The loop shape every maintenance service shares: do the work, wait the interval, again until stopped.
/// A failure is reported once when it starts (not at every turn) and the loop goes on.
/// </summary>
internal static class PeriodicLoop
{
    public static Task RunAsync(
        Func<CancellationToken, Task> work,
        Func<TimeSpan> interval,
        TimeProvider time,
        Action<Exception> failed,
        Action? recovered,
        CancellationToken stoppingToken) =>
        RunAsync(work, ct => Task.Delay(interval(), time, ct), failed, recovered, stoppingToken);

    /// <summary>The same loop with its own wait between two turns (a sleep that a signal may end early).</summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task> work,
        Func<CancellationToken, Task> wait,
        Action<Exception> failed,
        Action? recovered,
        CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await work(stoppingToken);
                if (failing) recovered?.Invoke();
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!failing) failed(ex);
                failing = true;
            }
            try { await wait(stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Retries a store write through an outage (growing pause, at most 5 s) so that nothing buffered is lost.</summary>
    public static async Task WriteUntilDoneAsync(Func<CancellationToken, Task> write, Action<Exception> failed, TimeProvider time, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await write(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
