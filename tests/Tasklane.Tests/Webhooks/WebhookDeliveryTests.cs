using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tasklane.Tests.Api;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Webhooks;

/// <summary>
/// Webhook deliveries from a real node on both stores to a real HTTP listener on the loopback: the events of real task
/// runs, signed with the secret (checked here with HMAC-SHA256 computed independently), retried after a 500, filtered
/// per worker, queue.stalled, and Send test.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec-loopback-test";

    /// <summary>Checks the Tasklane-Signature header by hand, as a receiver in any language would.</summary>
    private static void AssertSigned(ReceivedHook hook, string secret)
    {
        var parts = hook.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t, -5, 120);
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(hook.Body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        Assert.Equal(expected, parts["v1"]);
        Assert.True(WebhookSignature.Verify(hook.Signature, hook.Body, secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(hook.Signature, hook.Body, secret + "x", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(hook.Signature, [.. hook.Body, (byte)' '], secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Equal("application/json", hook.ContentType?.Split(';')[0]);
    }

    private static long TaskId(ReceivedHook hook) => hook.Json.GetProperty("task").GetProperty("id").GetInt64();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task TaskRuns_CompletedAndFailed_ArePostedSignedWithTheTaskObject(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();
        var hook = await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["task.failed", "task.completed"]);

        var completed = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "echo", data = new { message = "hi" } });
        var failed = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "fail" });
        await ApiHost.WaitForStatusAsync(admin, completed, "completed");
        await ApiHost.WaitForStatusAsync(admin, failed, "failed");

        var done = await receiver.WaitForAsync(h => h.Event == "task.completed" && TaskId(h) == completed, "task.completed of the echo task");
        var fail = await receiver.WaitForAsync(h => h.Event == "task.failed" && TaskId(h) == failed, "task.failed of the failing task");
        foreach (var received in new[] { done, fail })
        {
            AssertSigned(received, Secret);
            var body = received.Json;
            Assert.Equal(received.Event, body.GetProperty("event").GetString());
            Assert.Equal(received.Delivery, body.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
            Assert.True(body.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        }
        Assert.Equal("completed", done.Json.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("echo", done.Json.GetProperty("task").GetProperty("action").GetString());
        Assert.Equal("failed", fail.Json.GetProperty("task").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(fail.Json.GetProperty("task").GetProperty("error").GetString()));

        // One delivery per event: nothing is sent twice, and the hook's last delivery shows it delivered.
        await Task.Delay(300);
        Assert.Equal(2, receiver.Received.Count(h => h.Event.StartsWith("task.", StringComparison.Ordinal)));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/webhooks");
        var last = listed.GetProperty("items")[0].GetProperty("last_delivery");
        Assert.Equal("delivered", last.GetProperty("status").GetString());
        Assert.Equal(200, last.GetProperty("status_code").GetInt32());
        Assert.Equal(hook, listed.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Receiver_Answers500ThenOk_TheSameBytesAreSentAgainAfterTheBackoff(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 503);
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();
        await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["task.completed"]);

        var task = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop" });

        await receiver.WaitForAsync(h => h.AnsweredWith == 200, "the third attempt to be answered 200");
        var attempts = receiver.Received;
        Assert.Equal([500, 503, 200], attempts.Select(a => a.AnsweredWith));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Delivery, a.Delivery));
        Assert.All(attempts, a => AssertSigned(a, Secret));
        Assert.Equal(task, TaskId(attempts[0]));
        var last = await Eventually.ValueAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("/api/webhooks")).GetProperty("items")[0].GetProperty("last_delivery"),
            d => d.GetProperty("status").GetString() == "delivered", TimeSpan.FromSeconds(10), "the delivery to be recorded delivered");
        Assert.Equal(3, last.GetProperty("attempts").GetInt32());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Receiver_NeverAnswers2xx_GivesUpAfterTheRetryWindow(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(Enumerable.Repeat(500, 100).ToArray());
        await using var host = await WebhookHost.StartAsync(store, webhooks: w => w.RetryFor = TimeSpan.FromSeconds(1));
        using var admin = await host.AdminAsync();
        var hook = await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["task.completed"]);

        await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop" });

        var last = await Eventually.ValueAsync(
            async () => (await host.Webhooks.GetWebhookAsync(hook, CancellationToken.None))!.LastDelivery,
            d => d?.Status == "failed", TimeSpan.FromSeconds(20), "the delivery to be given up");
        Assert.Equal(500, last!.StatusCode);
        Assert.Equal("HTTP 500", last.Error);
        var sent = receiver.Received.Count;
        Assert.InRange(sent, 2, 10);
        await Task.Delay(600);
        Assert.Equal(sent, receiver.Received.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task PerWorkerHook_GetsOnlyItsWorkersEvents_GlobalHookGetsAll(string store)
    {
        await using var perWorker = await WebhookReceiver.StartAsync();
        await using var global = await WebhookReceiver.StartAsync();
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();
        await WebhookHost.CreateHookAsync(admin, perWorker.Url, Secret, ["task.completed", "task.failed"], worker: "demo-sync");
        await WebhookHost.CreateHookAsync(admin, global.Url, "global-secret", ["task.completed"]);

        var demo = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop" });
        var sync = await ApiHost.CreateTaskAsync(admin, new { worker = "demo-sync", action = "sync" });
        await ApiHost.WaitForStatusAsync(admin, demo, "completed");
        await ApiHost.WaitForStatusAsync(admin, sync, "completed");

        var mine = await perWorker.WaitForAsync(h => h.Event == "task.completed", "the demo-sync task's event");
        Assert.Equal(sync, TaskId(mine));
        AssertSigned(mine, Secret);
        await global.WaitForAsync(h => TaskId(h) == demo, "the demo task's event on the global hook");
        var both = await global.WaitForAsync(h => TaskId(h) == sync, "the demo-sync task's event on the global hook");
        AssertSigned(both, "global-secret");
        await Task.Delay(300);
        Assert.Single(perWorker.Received);
        Assert.Equal(2, global.Received.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task DueTaskWaitsPastTheThreshold_QueueStalledFiresOncePerEpisode(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var otherWorker = await WebhookReceiver.StartAsync();
        // This node runs no task: what is due waits.
        await using var host = await WebhookHost.StartAsync(store, runEngine: false);
        using var admin = await host.AdminAsync();
        await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["queue.stalled"]);
        await WebhookHost.CreateHookAsync(admin, otherWorker.Url, Secret, ["queue.stalled"], worker: "demo-sync");

        await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop", queue = "reports" });
        await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop", queue = "reports" });
        await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop", queue = "later", run_at = DateTimeOffset.UtcNow.AddHours(1) });

        static string? QueueOf(ReceivedHook h) => h.Json.TryGetProperty("queue", out var q) ? q.GetProperty("name").GetString() : null;
        var stalled = await receiver.WaitForAsync(h => h.Event == "queue.stalled" && QueueOf(h) == "reports", "queue.stalled of the reports queue");
        AssertSigned(stalled, Secret);
        var queue = stalled.Json.GetProperty("queue");
        Assert.True(queue.GetProperty("waited_seconds").GetInt64() >= 1);
        Assert.True(queue.GetProperty("oldest_due_at").GetDateTimeOffset() < DateTimeOffset.UtcNow);
        // Several checks later, still one event for the queue: the episode goes on. The hook of another worker got
        // nothing of it, and the queue whose task is due later is not stalled.
        await Task.Delay(1200);
        Assert.Single(receiver.Received, h => QueueOf(h) == "reports");
        Assert.DoesNotContain(receiver.Received, h => QueueOf(h) == "later");
        Assert.DoesNotContain(otherWorker.Received, h => QueueOf(h) == "reports");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task SendTest_DeliversASignedTestEventAndLeavesAnAuditEntry(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Long polls: the test event goes out because Send test wakes the loop.
        await using var host = await WebhookHost.StartAsync(store, webhooks: w => w.PollInterval = TimeSpan.FromSeconds(30));
        using var admin = await host.AdminAsync();
        var hook = await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["task.failed"]);

        var response = await admin.PostAsync($"/api/webhooks/{hook}/test", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var delivery = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery_id").GetInt64();
        var test = await receiver.WaitForAsync(h => h.Event == "webhook.test", "the test event", TimeSpan.FromSeconds(15));
        AssertSigned(test, Secret);
        Assert.Equal(delivery, test.Json.GetProperty("id").GetInt64());
        Assert.Equal(hook, test.Json.GetProperty("webhook").GetProperty("id").GetInt64());
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=webhook.test");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(hook.ToString(CultureInfo.InvariantCulture), entry.GetProperty("target_id").GetString());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task RetryDueLater_IsSentWhenDueThoughThePollIsLong(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(500);
        // A 30 s poll: only the loop's sleep until the earliest pending delivery sends the retry (due 200 ms after the 500).
        await using var host = await WebhookHost.StartAsync(store, webhooks: w => w.PollInterval = TimeSpan.FromSeconds(30));
        using var admin = await host.AdminAsync();
        var hook = await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["task.failed"]);

        var response = await admin.PostAsync($"/api/webhooks/{hook}/test", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await receiver.WaitForAsync(h => h.AnsweredWith == 200, "the retry to be answered 200", TimeSpan.FromSeconds(15));
        Assert.Equal([500, 200], receiver.Received.Select(a => a.AnsweredWith));
        // Recorded delivered: nothing is pending any more, so the loop's read before a claim finds nothing due.
        await Eventually.TrueAsync(async () => await host.Webhooks.NextWebhookDeliveryDueAsync(CancellationToken.None) is null,
            TimeSpan.FromSeconds(10), "the delivery to be recorded");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task HookCreatedLater_GetsOnlyTasksThatEndAfterIt(string store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();

        var before = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop" });
        await ApiHost.WaitForStatusAsync(admin, before, "completed");
        // A hook made afterwards gets nothing of tasks that ended before it (no outbox row was written for them).
        var hook = await WebhookHost.CreateHookAsync(admin, receiver.Url, Secret, ["task.completed"]);
        var after = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop" });

        var received = await receiver.WaitForAsync(h => h.Event == "task.completed", "the later task's event");
        Assert.Equal(after, TaskId(received));
        await Task.Delay(300);
        Assert.Single(receiver.Received);
        Assert.Equal(received.Delivery, (await host.Webhooks.GetWebhookAsync(hook, CancellationToken.None))!.LastDelivery!.Id.ToString(CultureInfo.InvariantCulture));
    }
}
