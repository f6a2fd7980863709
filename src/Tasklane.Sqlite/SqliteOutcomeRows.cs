using System.Text;
using System.Text.Json;

namespace Tasklane.Sqlite;

/// <summary>A batch of outcomes as the JSON array of rows that <c>tasks_complete_many.sql</c> reads, in its column order.</summary>
internal static class SqliteOutcomeRows
{
    public static string Json(IEnumerable<TaskOutcome> outcomes)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var o in outcomes)
            {
                json.WriteStartArray();
                json.WriteNumberValue(o.TaskId);
                json.WriteStringValue(o.NodeId);
                json.WriteNumberValue(o.Attempt);
                json.WriteStringValue(StoreText.Of(o.Status));
                json.WriteNumberValue(o.Now.ToUnixTimeMilliseconds());
                json.WriteNumberValue((o.RunAt ?? o.Now).ToUnixTimeMilliseconds());
                Text(json, o.Error);
                Text(json, o.StackTrace);
                Text(json, o.Artifact?.FileKey);
                Text(json, o.Artifact?.Name);
                if (o.Artifact is { } artifact) json.WriteNumberValue(artifact.Size);
                else json.WriteNullValue();
                if (o.ResponseCode is { } code) json.WriteNumberValue(code);
                else json.WriteNullValue();
                Text(json, o.ResponseMessage);
                json.WriteStringValue(o.LogLevel);
                json.WriteStringValue(o.LogMessage);
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
}
