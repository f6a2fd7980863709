using Npgsql;

namespace Tasklane.PostgreSql;

/// <summary>One open connection and, for writes, its transaction; makes commands and batches from the embedded SQL.</summary>
internal sealed class PostgreSqlSession(NpgsqlConnection connection, NpgsqlTransaction? transaction)
{
    /// <summary>A command running <c>Sql/{name}.sql</c> inside this session's transaction.</summary>
    public NpgsqlCommand Command(string name) => Script(SqlResources.Get(name));

    /// <summary>A command running the given script (migrations) inside this session's transaction.</summary>
    public NpgsqlCommand Script(string sql) => new(sql, connection, transaction);

    /// <summary>An empty batch (one round trip for many statements) inside this session's transaction.</summary>
    public NpgsqlBatch Batch() => new(connection, transaction);

    /// <summary>A batch command running <c>Sql/{name}.sql</c>; add it to a <see cref="Batch"/>.</summary>
    public NpgsqlBatchCommand BatchCommand(string name) => new(SqlResources.Get(name));
}
