using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace Tasklane.PostgreSql;

/// <summary>The SQL of the store, embedded as <c>Sql/*.sql</c> and <c>Sql/Migrations/NNNN_name.sql</c>; read once.</summary>
internal static class SqlResources
{
    private const string Prefix = "Tasklane.PostgreSql.Sql.";
    private const string MigrationsFolder = "Migrations/";

    private static readonly FrozenDictionary<string, string> Statements = Load();

    /// <summary>The statement in <c>Sql/{name}.sql</c>.</summary>
    public static string Get(string name) =>
        Statements.TryGetValue(name, out var sql)
            ? sql
            : throw new InvalidOperationException($"The embedded SQL resource 'Sql/{name}.sql' does not exist.");

    /// <summary>The numbered migrations in order of their version.</summary>
    public static IReadOnlyList<SqlMigration> Migrations()
    {
        var migrations = new List<SqlMigration>();
        foreach (var (key, sql) in Statements)
        {
            if (!key.StartsWith(MigrationsFolder, StringComparison.Ordinal)) continue;
            var name = key[MigrationsFolder.Length..];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"The migration 'Sql/{key}.sql' is not named NNNN_name.sql.");
            migrations.Add(new SqlMigration(version, name, sql));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        return migrations;
    }

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(SqlResources).Assembly;
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var key = resource[Prefix.Length..^".sql".Length].Replace('\\', '/');
            statements[key] = Read(assembly, resource);
        }
        return statements.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
