using Npgsql;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.PostgreSql;

/// <summary>LISTEN/NOTIFY between two handles on one PostgreSQL store, and a listener that outlives its connection.</summary>
public sealed class PostgreSqlTaskNotifierTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgreSqlTestDatabases _databases = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();

    [Fact]
    public async Task Notify_CreateOnHandleA_WakesListenerOnHandleBWithinASecond()
    {
        var storeA = await _databases.CreateAsync();
        var storeB = _databases.OpenSecond(storeA);
        var notifierA = _databases.Notifier(storeA.Schema);
        var notifierB = _databases.Notifier(storeB.Schema);
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var listener = new Listener(notifierB, listening.Token);
        await listener.WaitUntilListeningAsync(notifierA);

        var created = await storeA.CreateTaskAsync(NewTask(), CancellationToken.None);
        var sent = DateTime.UtcNow;
        await notifierA.NotifyAsync(new TaskNotification(TaskNotificationKind.TaskDue, created.Task.Id), CancellationToken.None);

        var received = await listener.NextAsync(n => n.TaskId == created.Task.Id, TimeSpan.FromSeconds(1));
        Assert.Equal(TaskNotificationKind.TaskDue, received.Kind);
        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(1));
        Assert.NotNull(await storeB.GetTaskAsync(created.Task.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Notify_CancelRequested_CarriesTheTaskId()
    {
        var store = await _databases.CreateAsync();
        var notifier = _databases.Notifier(store.Schema);
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var listener = new Listener(_databases.Notifier(store.Schema), listening.Token);
        await listener.WaitUntilListeningAsync(notifier);

        await notifier.NotifyAsync(new TaskNotification(TaskNotificationKind.CancelRequested, 42), CancellationToken.None);

        var received = await listener.NextAsync(n => n.Kind == TaskNotificationKind.CancelRequested, TimeSpan.FromSeconds(5));
        Assert.Equal(42, received.TaskId);
    }

    [Fact]
    public async Task Notify_OtherSchema_NotDelivered()
    {
        var store = await _databases.CreateAsync();
        var other = await _databases.CreateAsync();
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var listener = new Listener(_databases.Notifier(store.Schema), listening.Token);
        await listener.WaitUntilListeningAsync(_databases.Notifier(store.Schema));

        await _databases.Notifier(other.Schema).NotifyAsync(new TaskNotification(TaskNotificationKind.CancelRequested, 7), CancellationToken.None);
        await _databases.Notifier(store.Schema).NotifyAsync(new TaskNotification(TaskNotificationKind.CancelRequested, 8), CancellationToken.None);

        var received = await listener.NextAsync(n => n.Kind == TaskNotificationKind.CancelRequested, TimeSpan.FromSeconds(5));
        Assert.Equal(8, received.TaskId);
    }

    [Fact]
    public async Task Listen_ConnectionTerminated_ReconnectsAndReceivesLaterNotifications()
    {
        var store = await _databases.CreateAsync();
        var notifier = _databases.Notifier(store.Schema);
        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var listener = new Listener(_databases.Notifier(store.Schema), listening.Token);
        await listener.WaitUntilListeningAsync(notifier);

        var terminated = await PostgreSqlTestDatabases.QueryAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%LISTEN \"{notifier.Channel}\"%' AND pid <> pg_backend_pid()");
        Assert.Equal([true], terminated);

        // The listener comes back on a new connection and hears what is sent from then on.
        await listener.WaitUntilListeningAsync(notifier, TimeSpan.FromSeconds(15));
        await notifier.NotifyAsync(new TaskNotification(TaskNotificationKind.CancelRequested, 99), CancellationToken.None);
        var received = await listener.NextAsync(n => n.TaskId == 99, TimeSpan.FromSeconds(5));
        Assert.Equal(TaskNotificationKind.CancelRequested, received.Kind);
    }

    private static CreateTaskParams NewTask() => new()
    {
        Worker = "product",
        Action = "import",
        Data = "{}",
        Queue = "default",
        MaxAttempts = 1,
        RunAt = T0,
        Now = T0,
        LogMessage = "Created",
    };

    /// <summary>Reads a notifier's <see cref="ITaskNotifier.ListenAsync"/> in the background into a list.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly List<TaskNotification> _received = [];
        private readonly CancellationTokenSource _stop;
        private readonly Task _reading;

        public Listener(ITaskNotifier notifier, CancellationToken cancellationToken)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _reading = Task.Run(async () =>
            {
                await foreach (var n in notifier.ListenAsync(_stop.Token)) lock (_received) _received.Add(n);
            }, CancellationToken.None);
        }

        /// <summary>Sends probes until one comes back: the LISTEN connection is up.</summary>
        public async Task WaitUntilListeningAsync(ITaskNotifier sender, TimeSpan? timeout = null)
        {
            var probe = Random.Shared.NextInt64(1_000_000, long.MaxValue);
            await Eventually.TrueAsync(async () =>
            {
                await sender.NotifyAsync(new TaskNotification(TaskNotificationKind.TaskDue, probe), CancellationToken.None);
                await Task.Delay(50);
                lock (_received) return _received.Any(n => n.TaskId == probe);
            }, timeout ?? TimeSpan.FromSeconds(10), "the listener to receive a probe");
        }

        public async Task<TaskNotification> NextAsync(Func<TaskNotification, bool> match, TimeSpan timeout) =>
            (await Eventually.ValueAsync(() =>
            {
                lock (_received) return Task.FromResult(_received.FirstOrDefault(match));
            }, n => n is not null, timeout, "a matching notification"))!;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }
    }
}
