using System.Text;
using System.Text.Json;

namespace Tasklane.Sqlite;

/// <summary>A batch of new tasks as the JSON array of rows that <c>tasks_insert_many.sql</c> reads, in its column order.</summary>
internal static class SqliteTaskRows
{
    public static string Json(IReadOnlyList<CreateTaskParams> tasks)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var t in tasks)
            {
                json.WriteStartArray();
                json.WriteStringValue(t.Worker);
                json.WriteStringValue(t.Action);
                json.WriteStringValue(t.Data);
                json.WriteStringValue(t.Queue);
                json.WriteStringValue(StoreText.Of(t.Priority));
                json.WriteNumberValue(t.MaxAttempts);
                json.WriteNumberValue(t.RunAt.ToUnixTimeMilliseconds());
                Number(json, t.CreatedById);
                Text(json, t.CreatedByName);
                json.WriteStringValue(StoreText.Of(t.Category));
                Text(json, t.IpAddress);
                Text(json, t.ScheduleId);
                Number(json, t.ParentId);
                Text(json, t.ObjectType);
                Text(json, t.ObjectId);
                Number(json, t.TimeoutSeconds);
                json.WriteNumberValue(t.Now.ToUnixTimeMilliseconds());
                Text(json, t.Name);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Text(Utf8JsonWriter json, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteStringValue(value);
    }

    private static void Number(Utf8JsonWriter json, long? value)
    {
        if (value is { } n) json.WriteNumberValue(n);
        else json.WriteNullValue();
    }
}
