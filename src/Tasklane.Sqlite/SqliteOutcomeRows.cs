using static Tasklane.Sqlite.SqliteJsonRows;

namespace Tasklane.Sqlite;

/// <summary>A batch of outcomes as the JSON rows that <c>tasks_complete_many.sql</c> reads, in its column order.</summary>
internal static class SqliteOutcomeRows
{
    public static string Json(IEnumerable<TaskOutcome> outcomes) => Write(outcomes, static (json, o) =>
    {
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
        Number(json, o.Artifact?.Size);
        Number(json, o.ResponseCode);
        Text(json, o.ResponseMessage);
        json.WriteStringValue(o.LogLevel);
        json.WriteStringValue(o.LogMessage);
    });
}
