using System.Net.Http.Json;
using Tasklane.Tests.Api;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Webhooks;

/// <summary>Two nodes on one PostgreSQL schema, both sending webhooks: every event arrives, and none twice.</summary>
public sealed class WebhookTwoNodesTests
{
    [Fact]
    public async Task TwoNodesSending_ManyTaskEvents_EachDeliveredExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var a = await WebhookHost.StartAsync("postgresql", webhooks: w => w.BatchSize = 4);
        await using var b = await WebhookHost.StartAsync("postgresql", webhooks: w => w.BatchSize = 4, schema: a.Schema);
        using var admin = await a.AdminAsync();
        await WebhookHost.CreateHookAsync(admin, receiver.Url, "two-nodes-secret", ["task.completed"]);
        // Node b learns of the hook at its next read of the flags; until then only a's transitions write events.
        await Eventually.TrueAsync(async () => (await b.Webhooks.GetWebhookFlagsAsync(CancellationToken.None)).TaskEvents,
            b.Webhooks.WebhookFlagsMaxAge + TimeSpan.FromSeconds(10), "node b to see the hook");

        var batch = await admin.PostAsJsonAsync("/api/tasks/batch", new
        {
            tasks = Enumerable.Range(0, 40).Select(_ => new { worker = "demo", action = "noop" }).ToArray(),
        });
        Assert.True(batch.IsSuccessStatusCode, await batch.Content.ReadAsStringAsync());

        await Eventually.TrueAsync(() => receiver.Received.Count >= 40, TimeSpan.FromSeconds(60), "40 task.completed deliveries");
        await Task.Delay(500);
        var received = receiver.Received;
        Assert.Equal(40, received.Count);
        Assert.Equal(40, received.Select(r => r.Delivery).Distinct().Count());
        Assert.Equal(40, received.Select(r => r.Json.GetProperty("task").GetProperty("id").GetInt64()).Distinct().Count());
    }
}
