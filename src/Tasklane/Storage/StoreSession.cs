using System.Data.Common;

namespace Tasklane.Storage;

/// <summary>
/// One open connection and, for writes, its transaction; makes commands from the store's embedded SQL. The commands
/// it makes are disposed when it ends, or, on a connection with a <see cref="StatementCache"/>, kept there prepared
/// for the next session.
/// </summary>
internal sealed class StoreSession(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, StatementCache? cache = null)
    : IAsyncDisposable
{
    private readonly List<DbCommand> _commands = [];

    /// <summary>The open connection, for what only one store does (PostgreSQL batches).</summary>
    public DbConnection Connection => connection;

    /// <summary>The write transaction, or null for a read.</summary>
    public DbTransaction? Transaction => transaction;

    /// <summary>A command running <c>Sql/{name}.sql</c> inside this session's transaction.</summary>
    public StoreCommand Command(string name) => Script(dialect.Statement(name));

    /// <summary>A command running the given script (migrations) inside this session's transaction.</summary>
    public StoreCommand Script(string sql)
    {
        var command = cache?.Rent(connection, sql);
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }
        command.Transaction = transaction;
        _commands.Add(command);
        return new StoreCommand(command, dialect, this);
    }

    /// <summary>A command that has run to the end (no reader left open) goes back to the cache at once.</summary>
    internal void Finished(DbCommand command)
    {
        if (cache is null) return;
        var index = _commands.LastIndexOf(command);
        if (index < 0) return;
        _commands.RemoveAt(index);
        cache.Return(command);
    }

    /// <summary>Disposes the commands this session made, or gives them back to the cache.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            if (cache is not null) cache.Return(command);
            else await command.DisposeAsync();
        }
        _commands.Clear();
    }
}
