using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Tasklane.Sqlite;

/// <summary>
/// The one writer of a <see cref="SqliteTaskStore"/>: writes queue up, and one loop runs whatever is queued inside one
/// IMMEDIATE transaction on its own connection, each write in a savepoint of its own, then commits once. Concurrent
/// creates, claims and completions so share one durable commit instead of colliding in SQLite's busy handler. A write
/// that throws rolls back to its savepoint and fails alone; a database locked by another process past the busy timeout
/// runs the whole group again.
/// </summary>
internal sealed partial class SqliteWriter : IAsyncDisposable
{
    private const int MaxGroup = 256;
    private const int MaxBusyAttempts = 8;

    private readonly Channel<IQueuedWrite> _queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly Func<SqliteConnection, SqliteTransaction, StatementCache, StoreSession> _session;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AsyncLocal<bool> _inWriter = new();
    private readonly Lock _startLock = new();
    private Task? _loop;
    private readonly StatementCache _statements = new();
    private SqliteConnection? _connection;
    private long _commits;

    /// <param name="open">Opens the writer's connection, pragmas set.</param>
    /// <param name="session">Makes a store session on the connection and transaction.</param>
    /// <param name="time">The clock of the pauses between retries.</param>
    /// <param name="logger">Logs lock retries and failed groups.</param>
    public SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open, Func<SqliteConnection, SqliteTransaction, StatementCache, StoreSession> session,
        TimeProvider time, ILogger logger)
    {
        _open = open;
        _session = session;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many groups this writer has committed (tests read it to see that writes were grouped).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues <paramref name="work"/>; the task ends once the group that ran it has committed.</summary>
    public Task<T> RunAsync<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_inWriter.Value)
        {
            throw new InvalidOperationException("A write of the SQLite store started another write from inside the writer: it would wait for itself.");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var write = new QueuedWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteTaskStore));
        EnsureStarted();
        return write.Task;
    }

    /// <summary>Runs what is queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock) loop = _loop;
        if (loop is not null) await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _statements.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    private void EnsureStarted()
    {
        lock (_startLock)
        {
            if (_loop is not null) return;
            // The loop outlives the first caller: it must not carry that caller's async-local state.
            using (ExecutionContext.SuppressFlow()) _loop = Task.Run(LoopAsync, CancellationToken.None);
        }
    }

    private async Task LoopAsync()
    {
        _inWriter.Value = true;
        var group = new List<IQueuedWrite>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var write))
            {
                if (write.IsCancelled) write.Publish();
                else group.Add(write);
            }
            if (group.Count > 0) await RunGroupAsync(group);
        }
    }

    private async Task RunGroupAsync(List<IQueuedWrite> group)
    {
        for (var attempt = 1; ; attempt++)
        {
            SqliteTransaction? transaction = null;
            try
            {
                if (_connection is null)
                {
                    _connection = await _open(CancellationToken.None);
                    await _statements.UseAsync(_connection);
                }
                transaction = _connection.BeginTransaction(deferred: false);
                // The schema as the file has it, before any statement of the group is prepared (schema_check.sql).
                await using (var check = _session(_connection, transaction, _statements))
                {
                    await check.Command("schema_check").ExecuteNonQueryAsync(CancellationToken.None);
                }
                foreach (var write in group)
                {
                    // Each write in a savepoint of its own (one name, released before the next), on cached statements.
                    await using var session = _session(_connection, transaction, _statements);
                    await session.Script("SAVEPOINT w").ExecuteNonQueryAsync(CancellationToken.None);
                    if (await write.RunAsync(session) is { } failure)
                    {
                        if (IsBusy(failure)) throw failure;
                        await session.Script("ROLLBACK TO w").ExecuteNonQueryAsync(CancellationToken.None);
                    }
                    await session.Script("RELEASE w").ExecuteNonQueryAsync(CancellationToken.None);
                }
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                Interlocked.Increment(ref _commits);
                foreach (var write in group) write.Publish();
                return;
            }
            catch (Exception ex)
            {
                await AbandonAsync(transaction);
                if (ex is SqliteException busy && IsBusy(busy) && attempt < MaxBusyAttempts)
                {
                    var pause = TimeSpan.FromMilliseconds((25 << Math.Min(attempt, 6)) + Random.Shared.Next(25));
                    LogBusyRetry(ex, attempt, pause.TotalMilliseconds);
                    foreach (var write in group) write.Reset();
                    await Task.Delay(pause, _time);
                    continue;
                }
                LogGroupFailed(ex, group.Count);
                foreach (var write in group) write.Fail(ex);
                return;
            }
        }
    }

    /// <summary>Rolls back what the failed group wrote; a connection that cannot even do that is dropped.</summary>
    private async Task AbandonAsync(SqliteTransaction? transaction)
    {
        try
        {
            if (transaction is not null)
            {
                if (transaction.Connection is not null) await transaction.RollbackAsync();
                await transaction.DisposeAsync();
            }
        }
        catch (Exception)
        {
            await _statements.DisposeAsync();
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
    }

    internal static bool IsBusy(Exception ex) => ex is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SQLite database locked (attempt {Attempt}); retrying the queued writes in {PauseMs} ms")]
    private partial void LogBusyRetry(Exception exception, int attempt, double pauseMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A group of {Count} SQLite writes failed as a whole")]
    private partial void LogGroupFailed(Exception exception, int count);

    /// <summary>A queued write, seen without its result type.</summary>
    private interface IQueuedWrite
    {
        bool IsCancelled { get; }

        /// <summary>Runs the write inside the group's transaction; the exception it threw, or null.</summary>
        Task<Exception?> RunAsync(StoreSession session);

        /// <summary>Forgets the outcome of a run whose group is run again.</summary>
        void Reset();

        /// <summary>Hands the outcome to the caller, after the commit.</summary>
        void Publish();

        /// <summary>Fails the caller with the group's error.</summary>
        void Fail(Exception exception);
    }

    private sealed class QueuedWrite<T>(Func<StoreSession, Task<T>> work, CancellationToken cancellationToken) : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;
        private bool _ran;

        public Task<T> Task => _done.Task;

        public bool IsCancelled => cancellationToken.IsCancellationRequested;

        public async Task<Exception?> RunAsync(StoreSession session)
        {
            try
            {
                _ran = true;
                _result = await work(session);
                _error = null;
            }
            catch (Exception ex)
            {
                _error = ex;
            }
            return _error;
        }

        public void Reset()
        {
            _result = default;
            _error = null;
            _ran = false;
        }

        public void Publish()
        {
            if (!_ran || _error is OperationCanceledException) _done.TrySetCanceled(cancellationToken);
            else if (_error is not null) _done.TrySetException(_error);
            else _done.TrySetResult(_result!);
        }

        public void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
