namespace Tasklane;

/// <summary>In-process wake-up of the dispatcher: a new task, a freed slot, a retry made due.</summary>
internal sealed class TaskSignal(TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one pending wake-up is enough.
        }
    }

    /// <summary>Waits for a wake-up or the timeout (on the injected clock, so a delayed task's due time is that clock's); true when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (time == TimeProvider.System || timeout == Timeout.InfiniteTimeSpan) return await _wake.WaitAsync(timeout, cancellationToken);
        if (_wake.Wait(0, CancellationToken.None)) return true;
        using var timer = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wake.WaitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
