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
        // Node b hears of the hook by the notification its creation sent at commit; until then only a's transitions write events.
        await Eventually.TrueAsync(async () => (await b.Webhooks.GetWebhookFlagsAsync(CancellationToken.None)).TaskEvents,
            TimeSpan.FromSeconds(10), "node b to see the hook");

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

    /// <summary>
    /// Node b has read the flags (no hook) and would trust them for <see cref="IWebhookStore.WebhookFlagsMaxAge"/>: a hook
    /// created on node a reaches it at once, by the notification sent when the hook commits, and so does its deletion.
    /// </summary>
    [Fact]
    public async Task HookCreatedOnOneNode_ReachesTheOtherNodesCachedFlagsAtOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var a = await WebhookHost.StartAsync("postgresql");
        await using var b = await WebhookHost.StartAsync("postgresql", schema: a.Schema);
        Assert.False((await b.Webhooks.GetWebhookFlagsAsync(CancellationToken.None)).Any);
        Assert.True(b.Webhooks.WebhookFlagsMaxAge >= TimeSpan.FromSeconds(20), "the cache must outlive the wait below for this test to mean anything");
        using var admin = await a.AdminAsync();

        var hook = await WebhookHost.CreateHookAsync(admin, receiver.Url, "two-nodes-secret", ["task.failed"]);
        await Eventually.TrueAsync(async () => (await b.Webhooks.GetWebhookFlagsAsync(CancellationToken.None)).TaskEvents,
            TimeSpan.FromSeconds(5), "node b to see the new hook");

        var deleted = await admin.DeleteAsync($"/api/webhooks/{hook}");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(async () => !(await b.Webhooks.GetWebhookFlagsAsync(CancellationToken.None)).Any,
            TimeSpan.FromSeconds(5), "node b to see that no hook is left");
    }
}
