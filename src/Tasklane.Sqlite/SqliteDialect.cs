using System.Data.Common;
using System.Text.Json;

namespace Tasklane.Sqlite;

/// <summary>
/// Values the way the SQLite schema keeps them: times as unix milliseconds, booleans as 0/1, lists as JSON arrays
/// (for <c>json_each(@name)</c>), NULL for null.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public override string Statement(string name) => SqlResources.Get(name);

    /// <inheritdoc />
    public override bool HasStatement(string name) => SqlResources.Has(name);

    public override string ParameterName(string name) => "@" + name;

    public override object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.ToUnixTimeMilliseconds(),
        bool flag => flag ? 1L : 0L,
        _ => value,
    };

    public override object ListValue<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values);

    public override DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public override bool Boolean(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;
}
