using Npgsql;

namespace Tasklane.PostgreSql;

/// <summary>Batches (many statements in one round trip) inside a session's transaction: what only this store does.</summary>
internal static class PostgreSqlBatches
{
    /// <summary>An empty batch inside the session's transaction.</summary>
    public static NpgsqlBatch Batch(this StoreSession session) =>
        new((NpgsqlConnection)session.Connection, (NpgsqlTransaction?)session.Transaction);

    /// <summary>A batch command running <c>Sql/{name}.sql</c>; add it to a <see cref="Batch"/>.</summary>
    public static NpgsqlBatchCommand BatchCommand(this StoreSession session, string name) => new(SqlResources.Get(name));

    /// <summary>Binds <paramref name="value"/> to <c>@name</c> and returns the batch command.</summary>
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, PostgreSqlDialect.Bound(value));
        return command;
    }
}
