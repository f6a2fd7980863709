using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Tasklane.PostgreSql;

/// <summary>
/// Notifications between the nodes sharing one PostgreSQL store: <c>NOTIFY tasklane_&lt;schema&gt;</c> to send,
/// and per listener one dedicated <c>LISTEN</c> connection that is opened again with backoff whenever it drops
/// (the drop is logged once, the recovery once). After a reconnect a wake-up is delivered, since notifications
/// sent meanwhile were lost; the dispatcher's poll covers the gap.
/// </summary>
public sealed partial class PostgreSqlTaskNotifier : ITaskNotifier, IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listenConnectionString;
    private readonly string _channel;
    private readonly ILogger<PostgreSqlTaskNotifier> _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a notifier on the channel of the store in <paramref name="schema"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string (the store's).</param>
    /// <param name="schema">The store's schema; the channel is <c>tasklane_&lt;schema&gt;</c>.</param>
    /// <param name="logger">Logs a lost and a recovered listen connection.</param>
    /// <param name="timeProvider">The clock of the reconnect backoff.</param>
    public PostgreSqlTaskNotifier(string connectionString, string schema = "tasklane", ILogger<PostgreSqlTaskNotifier>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _channel = PostgreSqlSchema.Channel(PostgreSqlSchema.Validate(schema));
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "tasklane";
        _dataSource = builder.Build();
        // The listen connection is never pooled (a dropped one must not come back), and sends keepalives while it
        // waits, so a silently lost server is noticed.
        var listen = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        listen.ApplicationName ??= "tasklane-listen";
        if (listen.KeepAlive == 0) listen.KeepAlive = 15;
        _listenConnectionString = listen.ConnectionString;
        _logger = logger ?? NullLogger<PostgreSqlTaskNotifier>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The channel name.</summary>
    public string Channel => _channel;

    /// <inheritdoc />
    public bool ReachesOtherProcesses => true;

    /// <inheritdoc />
    public async ValueTask NotifyAsync(TaskNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await using var command = _dataSource.CreateCommand(SqlResources.Get("notify"));
        command.Parameters.AddWithValue("channel", _channel);
        command.Parameters.AddWithValue("payload", TaskNotificationPayload.Write(notification));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TaskNotification> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var received = System.Threading.Channels.Channel.CreateBounded<TaskNotification>(new BoundedChannelOptions(4096)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Run(() => PumpAsync(received.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var notification in received.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return notification;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Closes the pooled connections used to send.</summary>
    public void Dispose() => _dataSource.Dispose();

    /// <summary>Closes the pooled connections used to send.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Keeps one LISTEN connection open until <paramref name="stoppingToken"/> fires, reconnecting with backoff.</summary>
    private async Task PumpAsync(ChannelWriter<TaskNotification> writer, CancellationToken stoppingToken)
    {
        var failures = 0;
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                connection.Notification += (_, e) =>
                {
                    if (TaskNotificationPayload.Read(e.Payload) is { } notification) writer.TryWrite(notification);
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand(SqlResources.Get("listen").Replace("{channel}", _channel, StringComparison.Ordinal), connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (failures > 0) LogListenRecovered(_channel);
                // Whatever was sent while no connection listened is lost: wake the dispatcher to look for it.
                if (connectedBefore) writer.TryWrite(new TaskNotification(TaskNotificationKind.TaskDue));
                connectedBefore = true;
                failures = 0;
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                if (failures == 0) LogListenLost(ex, _channel);
                failures++;
            }
            var pause = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Min(failures - 1, 10)), MaxBackoff.TotalMilliseconds));
            try { await Task.Delay(pause, _timeProvider, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        writer.TryComplete();
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "The LISTEN connection on {Channel} was lost; reconnecting with backoff (the dispatcher polls meanwhile)")]
    private partial void LogListenLost(Exception exception, string channel);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Listening on {Channel} again")]
    private partial void LogListenRecovered(string channel);
}
