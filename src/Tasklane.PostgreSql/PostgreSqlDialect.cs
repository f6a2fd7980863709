using System.Data.Common;

namespace Tasklane.PostgreSql;

/// <summary>
/// Values the way the PostgreSQL schema keeps them: times as UTC timestamptz truncated to milliseconds (as the SQLite
/// store keeps them, so both stores answer alike), booleans as boolean, lists as arrays, NULL for null.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    public override string Statement(string name) => SqlResources.Get(name);

    /// <inheritdoc />
    public override bool HasStatement(string name) => SqlResources.Has(name);

    public override string ParameterName(string name) => name;

    public override object Value(object? value) => Bound(value);

    public override object ListValue<T>(IEnumerable<T> values) => Bound(values.ToArray());

    public override DateTimeOffset Time(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    public override bool Boolean(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);

    /// <summary>A value as the schema stores it (also for batch commands, which bind outside a <see cref="StoreCommand"/>).</summary>
    public static object Bound(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => Truncated(time),
        DateTimeOffset[] times => Array.ConvertAll(times, Truncated),
        _ => value,
    };

    /// <summary>A time as the store keeps it: UTC, whole milliseconds.</summary>
    private static DateTimeOffset Truncated(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
