using Microsoft.Data.Sqlite;

namespace Tasklane.Sqlite;

/// <summary>One open connection and, for writes, its IMMEDIATE transaction; makes commands from the embedded SQL.</summary>
internal sealed class SqliteSession(SqliteConnection connection, SqliteTransaction? transaction)
{
    /// <summary>A command running <c>Sql/{name}.sql</c> inside this session's transaction.</summary>
    public SqliteCommand Command(string name)
    {
        var command = connection.CreateCommand();
        command.CommandText = SqlResources.Get(name);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>A command running the given script (migrations) inside this session's transaction.</summary>
    public SqliteCommand Script(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
