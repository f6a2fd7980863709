namespace Tasklane.Sqlite;

/// <summary>This store's embedded SQL (<c>Sql/*.sql</c>, <c>Sql/Migrations/NNNN_name.sql</c>).</summary>
internal static class SqlResources
{
    private static readonly EmbeddedSql Sql = new(typeof(SqlResources).Assembly, "Tasklane.Sqlite.Sql.");

    /// <summary>The statement in <c>Sql/{name}.sql</c>.</summary>
    public static string Get(string name) => Sql.Get(name);

    /// <summary>Whether <c>Sql/{name}.sql</c> exists.</summary>
    public static bool Has(string name) => Sql.Has(name);

    /// <summary>The numbered migrations in order of their version.</summary>
    public static IReadOnlyList<SqlMigration> Migrations() => Sql.Migrations();
}
