using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// What every open console page waits on to know that its fragments are out of date. One loop per process reads the
/// store's change stamp (<see cref="ITaskStore.GetChangeStampAsync"/>, one cheap query) every <see cref="Tick"/> and listens
/// to the engine's notifications (a task became due, a cancel was requested — from every node on PostgreSQL); when either
/// changes, every waiting page is woken at once. So a tick costs one query however many pages are open, and the loop runs
/// only while someone waits.
/// </summary>
internal sealed partial class ConsoleChangeFeed(ITaskStore store, ITaskNotifier notifier, TimeProvider time, ILogger<ConsoleChangeFeed> logger)
{
    /// <summary>How often the store's change stamp is read while pages wait.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _storeStamp;
    private long _notifications;
    private int _waiting;
    private Task? _loop;
    private long _queries;

    /// <summary>How many store queries the loop has made (tests read it).</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>
    /// The stamp a page is rendered with: the loop's latest while it runs, else read from the store now. A page's
    /// stream compares it with the feed's, so a change made between the render and the stream's start is not missed.
    /// </summary>
    public async Task<string> StampAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_loop is not null && _storeStamp is not null) return Compose(_storeStamp, _notifications);
        }
        var stamp = await store.GetChangeStampAsync(cancellationToken);
        lock (_gate) return Compose(stamp, _notifications);
    }

    /// <summary>The feed's stamp once it differs from <paramref name="seen"/> (at once when it already does).</summary>
    public async Task<string> NextAsync(string? seen, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _waiting++;
            if (_loop is null)
            {
                using (ExecutionContext.SuppressFlow()) _loop = Task.Run(LoopAsync, CancellationToken.None);
            }
        }
        try
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_storeStamp is not null && Compose(_storeStamp, _notifications) is var now && now != seen) return now;
                    changed = _changed.Task;
                }
                await changed.WaitAsync(cancellationToken);
            }
        }
        finally
        {
            lock (_gate) _waiting--;
        }
    }

    private static string Compose(string storeStamp, long notifications) => storeStamp + "#" + notifications;

    private async Task LoopAsync()
    {
        using var stop = new CancellationTokenSource();
        var listening = ListenAsync(stop.Token);
        var failing = false;
        while (true)
        {
            lock (_gate)
            {
                // Nobody waits: the loop ends; the next page starts it again.
                if (_waiting == 0)
                {
                    _loop = null;
                    _storeStamp = null;
                    break;
                }
            }
            try
            {
                Interlocked.Increment(ref _queries);
                var stamp = await store.GetChangeStampAsync(CancellationToken.None);
                Publish(() => _storeStamp != stamp ? _storeStamp = stamp : null);
                failing = false;
            }
            catch (Exception ex)
            {
                if (!failing) LogReadFailed(ex);
                failing = true;
            }
            await Task.Delay(Tick, time, CancellationToken.None);
        }
        await stop.CancelAsync();
        try { await listening; }
        catch (OperationCanceledException) { }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in notifier.ListenAsync(cancellationToken))
            {
                Publish(() => (++_notifications).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The store's stamp still shows every change, a tick later.
            LogListenFailed(ex);
        }
    }

    /// <summary>Applies <paramref name="change"/> under the lock; when it changed something (not null), wakes every waiting page.</summary>
    private void Publish(Func<string?> change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (change() is null) return;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change stamp failed; the console pages wait for the next tick")]
    private partial void LogReadFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for notifications failed; the console pages follow the change stamp only")]
    private partial void LogListenFailed(Exception ex);
}
