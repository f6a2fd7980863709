using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tasklane.AspNetCore;

/// <summary>
/// The JSON body of a delivery: <c>id</c> (the delivery, the same on every retry), <c>event</c>, <c>at</c> (when the
/// event happened), and what it is about: <c>task</c> (the API's task object, as it was at the first sending; null
/// when the task is gone), <c>queue</c> (<c>name</c>, <c>oldest_due_at</c>, <c>waited_seconds</c>), or <c>webhook</c>
/// (<c>id</c>, for <c>webhook.test</c>). See docs/webhooks.md.
/// </summary>
internal static class WebhookPayload
{
    public static async Task<string> BuildAsync(WebhookDelivery delivery, ITaskStore store, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["id"] = delivery.Id,
            ["event"] = delivery.Event,
            ["at"] = JsonSerializer.SerializeToNode(delivery.CreatedAt, ApiJson.Options),
        };
        if (delivery.TaskId is { } taskId)
        {
            var task = await store.GetTaskAsync(taskId, cancellationToken);
            body["task"] = task is null ? null : JsonSerializer.SerializeToNode(TaskDto.From(task), ApiJson.Options);
        }
        else if (delivery.Queue is { } queue)
        {
            var oldest = delivery.OldestDueAt ?? delivery.CreatedAt;
            body["queue"] = new JsonObject
            {
                ["name"] = queue,
                ["oldest_due_at"] = JsonSerializer.SerializeToNode(oldest, ApiJson.Options),
                ["waited_seconds"] = (long)Math.Max(0, (delivery.CreatedAt - oldest).TotalSeconds),
            };
        }
        else
        {
            body["webhook"] = new JsonObject { ["id"] = delivery.WebhookId };
        }
        return body.ToJsonString(ApiJson.Options);
    }
}
