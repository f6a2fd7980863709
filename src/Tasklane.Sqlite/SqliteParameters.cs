using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Tasklane.Sqlite;

/// <summary>Binds values the way the schema stores them: times as unix milliseconds, booleans as 0/1, NULL for null.</summary>
internal static class SqliteParameters
{
    /// <summary>Binds <paramref name="value"/> to <c>@name</c> and returns the command.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        object bound = value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => time.ToUnixTimeMilliseconds(),
            bool flag => flag ? 1L : 0L,
            _ => value,
        };
        command.Parameters.AddWithValue("@" + name, bound);
        return command;
    }

    /// <summary>Binds a list as a JSON array, for <c>json_each(@name)</c>.</summary>
    public static SqliteCommand WithJson<T>(this SqliteCommand command, string name, IEnumerable<T> values) =>
        command.With(name, JsonSerializer.Serialize(values));
}
