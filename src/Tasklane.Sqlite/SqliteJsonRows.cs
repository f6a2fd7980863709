using System.Text;
using System.Text.Json;

namespace Tasklane.Sqlite;

/// <summary>
/// Writes a batch as the JSON array of positional rows that a bulk statement reads with <c>json_each</c> and
/// <c>json_extract(value, '$[n]')</c>: one array per item, its values in the statement's column order.
/// </summary>
internal static class SqliteJsonRows
{
    public static string Write<T>(IEnumerable<T> items, Action<Utf8JsonWriter, T> writeRow)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartArray();
                writeRow(json, item);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Text(Utf8JsonWriter json, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteStringValue(value);
    }

    public static void Number(Utf8JsonWriter json, long? value)
    {
        if (value is { } n) json.WriteNumberValue(n);
        else json.WriteNullValue();
    }
}
