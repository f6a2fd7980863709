using System.Text;
using System.Text.Json;

namespace Tasklane.Storage;

/// <summary>
/// The tags and links of a task as the schema keeps them: a JSON array on the task row (NULL when there are none),
/// which every read returns, and the rows of <c>task_tags</c> and <c>task_links</c>, which the list filters use,
/// written by one <c>task_data_insert</c> statement per batch from two JSON arrays of positional rows.
/// </summary>
internal static class TaskDataColumns
{
    /// <summary>
    /// The links of a new task: as given, or (for params built without links, e.g. by hand) its object as the one link.
    /// </summary>
    public static IReadOnlyList<TaskLink> LinksOf(CreateTaskParams p) =>
        p.Links.Count > 0 || (p.ObjectType is null && p.ObjectId is null) ? p.Links : [new TaskLink(p.ObjectType, p.ObjectId)];

    /// <summary>The <c>links</c> column of a new task.</summary>
    public static string? LinksValue(CreateTaskParams p) => LinksValue(LinksOf(p));

    /// <summary>The <c>tags</c> column: a JSON array of strings, or null.</summary>
    public static string? TagsValue(IReadOnlyList<string> tags) => tags.Count == 0 ? null : JsonSerializer.Serialize(tags);

    /// <summary>The <c>links</c> column: a JSON array of <c>{"type","id"}</c>, or null.</summary>
    public static string? LinksValue(IReadOnlyList<TaskLink> links) => links.Count == 0 ? null : Write(json =>
    {
        json.WriteStartArray();
        foreach (var link in links)
        {
            json.WriteStartObject();
            json.WriteString("type", link.Type);
            json.WriteString("id", link.Id);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static IReadOnlyList<string> Tags(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static IReadOnlyList<TaskLink> Links(string? json)
    {
        if (json is null) return [];
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => new TaskLink(Text(e, "type"), Text(e, "id")))];
    }

    /// <summary>
    /// The child rows of new tasks, or null when none has a tag or a link: <c>@tags</c> as <c>[[task_id, tag], …]</c>
    /// and <c>@links</c> as <c>[[task_id, position, type, id], …]</c>.
    /// </summary>
    public static (string Tags, string Links)? ChildRows(IEnumerable<(long Id, CreateTaskParams Task)> tasks)
    {
        var rows = tasks.Select(t => (t.Id, t.Task, Links: LinksOf(t.Task))).Where(t => t.Task.Tags.Count > 0 || t.Links.Count > 0).ToList();
        if (rows.Count == 0) return null;
        var tags = Write(json =>
        {
            json.WriteStartArray();
            foreach (var (id, task, _) in rows)
            {
                foreach (var tag in task.Tags)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(id);
                    json.WriteStringValue(tag);
                    json.WriteEndArray();
                }
            }
            json.WriteEndArray();
        });
        var links = Write(json =>
        {
            json.WriteStartArray();
            foreach (var (id, _, taskLinks) in rows)
            {
                for (var i = 0; i < taskLinks.Count; i++)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(id);
                    json.WriteNumberValue(i);
                    json.WriteStringValue(taskLinks[i].Type);
                    json.WriteStringValue(taskLinks[i].Id);
                    json.WriteEndArray();
                }
            }
            json.WriteEndArray();
        });
        return (tags, links);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
