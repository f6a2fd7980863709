using System.Data.Common;

namespace Tasklane.Storage;

/// <summary>One open connection and, for writes, its transaction; makes commands from the store's embedded SQL.</summary>
internal sealed class StoreSession(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
{
    /// <summary>The open connection, for what only one store does (PostgreSQL batches).</summary>
    public DbConnection Connection => connection;

    /// <summary>The write transaction, or null for a read.</summary>
    public DbTransaction? Transaction => transaction;

    /// <summary>A command running <c>Sql/{name}.sql</c> inside this session's transaction.</summary>
    public StoreCommand Command(string name) => Script(dialect.Statement(name));

    /// <summary>A command running the given script (migrations) inside this session's transaction.</summary>
    public StoreCommand Script(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return new StoreCommand(command, dialect);
    }
}
