using static Tasklane.Sqlite.SqliteJsonRows;

namespace Tasklane.Sqlite;

/// <summary>A batch of new tasks as the JSON rows that <c>tasks_insert_many.sql</c> reads, in its column order.</summary>
internal static class SqliteTaskRows
{
    public static string Json(IReadOnlyList<CreateTaskParams> tasks) => Write(tasks, static (json, t) =>
    {
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
        Text(json, t.TraceContext);
        Text(json, t.ConcurrencyKey);
        json.WriteNumberValue(t.ConcurrencyLimit);
        Text(json, Tasklane.Storage.TaskDataColumns.TagsValue(t.Tags));
        Text(json, Tasklane.Storage.TaskDataColumns.LinksValue(t));
        Number(json, t.ClonedFrom);
    });
}
