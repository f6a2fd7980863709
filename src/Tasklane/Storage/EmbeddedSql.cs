using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;

namespace Tasklane.Storage;

/// <summary>
/// A store's SQL, embedded in its assembly as <c>Sql/*.sql</c> and <c>Sql/Migrations/NNNN_name.sql</c> under a
/// resource prefix; read once. Every SQL store keeps its statements this way.
/// </summary>
public sealed class EmbeddedSql
{
    private const string MigrationsFolder = "Migrations/";
    private readonly FrozenDictionary<string, string> _statements;

    /// <summary>Reads the <c>.sql</c> resources of <paramref name="assembly"/> whose names start with <paramref name="prefix"/>.</summary>
    public EmbeddedSql(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var key = resource[prefix.Length..^".sql".Length].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            statements[key] = reader.ReadToEnd();
        }
        _statements = statements.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The statement in <c>Sql/{name}.sql</c>.</summary>
    public string Get(string name) =>
        _statements.TryGetValue(name, out var sql)
            ? sql
            : throw new InvalidOperationException($"The embedded SQL resource 'Sql/{name}.sql' does not exist.");

    /// <summary>Whether <c>Sql/{name}.sql</c> exists (a statement only some stores have).</summary>
    public bool Has(string name) => _statements.ContainsKey(name);

    /// <summary>The numbered migrations in order of their version.</summary>
    public IReadOnlyList<SqlMigration> Migrations()
    {
        var migrations = new List<SqlMigration>();
        foreach (var (key, sql) in _statements)
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
}
