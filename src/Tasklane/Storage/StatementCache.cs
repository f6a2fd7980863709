using System.Data.Common;

namespace Tasklane.Storage;

/// <summary>
/// Prepared commands of one long-lived connection, by SQL text, so that a statement run again is not parsed again
/// (SQLite keeps a command's prepared statements while its text stays the same). Not thread-safe: one connection is
/// used by one caller at a time.
/// </summary>
internal sealed class StatementCache : IAsyncDisposable
{
    private readonly Dictionary<string, Stack<DbCommand>> _idle = new(StringComparer.Ordinal);
    private DbConnection? _connection;

    /// <summary>An idle command for <paramref name="sql"/> on <paramref name="connection"/>, or null to make a new one.</summary>
    public DbCommand? Rent(DbConnection connection, string sql)
    {
        if (!ReferenceEquals(connection, _connection)) return null;
        return _idle.TryGetValue(sql, out var stack) && stack.TryPop(out var command) ? command : null;
    }

    /// <summary>Takes back a command that has run, its parameters cleared.</summary>
    public void Return(DbCommand command)
    {
        if (!ReferenceEquals(command.Connection, _connection))
        {
            command.Dispose();
            return;
        }
        command.Parameters.Clear();
        command.Transaction = null;
        if (!_idle.TryGetValue(command.CommandText, out var stack)) _idle[command.CommandText] = stack = new Stack<DbCommand>();
        stack.Push(command);
    }

    /// <summary>Starts caching for <paramref name="connection"/>, dropping the commands of an earlier one.</summary>
    public async ValueTask UseAsync(DbConnection? connection)
    {
        if (ReferenceEquals(connection, _connection)) return;
        await DisposeAsync();
        _connection = connection;
    }

    /// <summary>Disposes every idle command.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var stack in _idle.Values)
        {
            foreach (var command in stack) await command.DisposeAsync();
        }
        _idle.Clear();
        _connection = null;
    }
}
