using Npgsql;

namespace Tasklane.PostgreSql;

/// <summary>
/// Binds values the way the schema stores them: times as UTC timestamptz truncated to milliseconds
/// (as the SQLite store keeps them, so both stores answer alike), NULL for null.
/// </summary>
internal static class PostgreSqlParameters
{
    /// <summary>Binds <paramref name="value"/> to <c>@name</c> and returns the command.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, Bound(value));
        return command;
    }

    /// <summary>Binds <paramref name="value"/> to <c>@name</c> and returns the batch command.</summary>
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, Bound(value));
        return command;
    }

    /// <summary>A time as the store keeps it: UTC, whole milliseconds.</summary>
    public static DateTimeOffset Time(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static object Bound(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => Time(time),
        DateTimeOffset[] times => Array.ConvertAll(times, Time),
        _ => value,
    };
}
