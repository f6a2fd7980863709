using System.Data.Common;

namespace Tasklane.Storage;

/// <summary>
/// The seam between the SQL stores' shared ADO.NET code and one database: where the statements come from, how a
/// parameter is named and a value bound (times, booleans, lists), and how a time or a boolean column is read.
/// SQLite keeps times as unix milliseconds and booleans as 0/1 and takes lists as JSON arrays; PostgreSQL uses
/// timestamptz, boolean and arrays.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The statement in the store's <c>Sql/{name}.sql</c>.</summary>
    public abstract string Statement(string name);

    /// <summary>Whether the store has a <c>Sql/{name}.sql</c> (a variant only some stores need).</summary>
    public abstract bool HasStatement(string name);

    /// <summary>The name the parameter for <c>@name</c> is bound under.</summary>
    public abstract string ParameterName(string name);

    /// <summary>A value as the schema stores it; null becomes <see cref="DBNull"/>.</summary>
    public abstract object Value(object? value);

    /// <summary>A list as the statements take it.</summary>
    public abstract object ListValue<T>(IEnumerable<T> values);

    /// <summary>A non-null time column as a UTC time.</summary>
    public abstract DateTimeOffset Time(DbDataReader reader, int ordinal);

    /// <summary>A non-null boolean column.</summary>
    public abstract bool Boolean(DbDataReader reader, int ordinal);
}
