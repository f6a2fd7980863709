using System.Text.Json;

namespace Tasklane.PostgreSql;

/// <summary>
/// A notification as the NOTIFY payload carries it: <c>{"kind":"cancel_requested","task_id":42}</c>; the kinds are
/// <c>task_due</c>, <c>cancel_requested</c>, <c>task_changed</c> and <c>webhooks_changed</c> (a node that does not know a kind ignores it).
/// </summary>
internal static class TaskNotificationPayload
{
    private const string TaskDue = "task_due";
    private const string CancelRequested = "cancel_requested";
    private const string TaskChanged = "task_changed";
    private const string WebhooksChanged = "webhooks_changed";

    public static string Write(TaskNotification notification)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", notification.Kind switch
            {
                TaskNotificationKind.TaskDue => TaskDue,
                TaskNotificationKind.CancelRequested => CancelRequested,
                TaskNotificationKind.TaskChanged => TaskChanged,
                TaskNotificationKind.WebhooksChanged => WebhooksChanged,
                _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.Kind, "Unknown notification kind."),
            });
            if (notification.TaskId is { } id) json.WriteNumber("task_id", id);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The notification, or null for a payload this version does not understand (a newer node's).</summary>
    public static TaskNotification? Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind)) return null;
            long? id = root.TryGetProperty("task_id", out var taskId) && taskId.TryGetInt64(out var value) ? value : null;
            return kind.GetString() switch
            {
                TaskDue => new TaskNotification(TaskNotificationKind.TaskDue, id),
                CancelRequested when id is not null => new TaskNotification(TaskNotificationKind.CancelRequested, id),
                TaskChanged => new TaskNotification(TaskNotificationKind.TaskChanged, id),
                WebhooksChanged => new TaskNotification(TaskNotificationKind.WebhooksChanged),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
