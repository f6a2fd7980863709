using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Webhooks;

/// <summary>
/// <c>/api/webhooks</c> through the real HTTP pipeline on both stores: create, list, delete, validation, permissions,
/// audit entries, and the secret never in any answer.
/// </summary>
public sealed class WebhookApiTests
{
    private const string Secret = "hook-secret-do-not-show-7f3a";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task CreateListDelete_ThroughTheApi_SecretNeverReturnedAndEachLeavesAnAuditEntry(string store)
    {
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();
        var answers = new List<string>();

        var created = await admin.PostAsJsonAsync("/api/webhooks", new
        {
            url = "https://hooks.example.test/tasklane?team=ops",
            events = new[] { "task.completed", "task.failed" },
            worker = "demo",
            secret = Secret,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdText = await created.Content.ReadAsStringAsync();
        answers.Add(createdText);
        var hook = JsonDocument.Parse(createdText).RootElement;
        var id = hook.GetProperty("id").GetInt64();
        Assert.Equal($"/api/webhooks/{id}", created.Headers.Location?.ToString());
        Assert.Equal("https://hooks.example.test/tasklane?team=ops", hook.GetProperty("url").GetString());
        // Events come back in contract order, whatever order they were given in.
        Assert.Equal(["task.failed", "task.completed"], hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("demo", hook.GetProperty("worker").GetString());
        Assert.False(hook.TryGetProperty("secret", out _));

        var global = await WebhookHost.CreateHookAsync(admin, "http://127.0.0.1:9/down", "other-secret", ["queue.stalled"]);

        var list = await admin.GetStringAsync("/api/webhooks");
        answers.Add(list);
        var items = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([id, global], items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("worker").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("last_delivery").ValueKind);

        var deleted = await admin.DeleteAsync($"/api/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/webhooks");
        Assert.Equal([global], after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));

        var audit = await admin.GetStringAsync("/api/audit?action=webhook.*");
        answers.Add(audit);
        var entries = JsonDocument.Parse(audit).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["webhook.delete", "webhook.create", "webhook.create"], entries.Select(e => e.GetProperty("action").GetString()));
        var create = entries[2];
        Assert.Equal("webhook", create.GetProperty("target_type").GetString());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), create.GetProperty("target_id").GetString());
        Assert.Equal("admin", create.GetProperty("actor").GetProperty("username").GetString());
        Assert.Equal("********", create.GetProperty("details").GetProperty("secret").GetString());
        Assert.Equal("demo", create.GetProperty("details").GetProperty("worker").GetString());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), entries[0].GetProperty("target_id").GetString());

        answers.Add(await admin.GetStringAsync("/api/audit"));
        foreach (var answer in answers) Assert.DoesNotContain(Secret, answer, StringComparison.Ordinal);
        // At rest the secret is encrypted too.
        var stored = await host.Webhooks.ListWebhooksAsync(CancellationToken.None);
        Assert.DoesNotContain(stored, h => h.ProtectedSecret.Contains("other-secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sqlite", """{"url":"ftp://example.test/x","events":["task.failed"],"secret":"s"}""", "url")]
    [InlineData("sqlite", """{"url":"/relative/path","events":["task.failed"],"secret":"s"}""", "url")]
    [InlineData("sqlite", """{"events":["task.failed"],"secret":"s"}""", "url")]
    [InlineData("sqlite", """{"url":"https://example.test","events":[],"secret":"s"}""", "events")]
    [InlineData("sqlite", """{"url":"https://example.test","events":["task.failed","task.exploded"],"secret":"s"}""", "events[1]")]
    [InlineData("sqlite", """{"url":"https://example.test","events":["task.failed"],"worker":"no-such-worker","secret":"s"}""", "worker")]
    [InlineData("sqlite", """{"url":"https://example.test","events":["task.failed"],"secret":""}""", "secret")]
    [InlineData("sqlite", """{"url":"https://example.test","events":["task.failed"]}""", "secret")]
    [InlineData("sqlite", """{"url":"https://example.test","events":"task.failed","secret":"s"}""", "events")]
    [InlineData("sqlite", """{"url":"https://example.test","events":["task.failed"],"secret":"s","colour":"red"}""", "colour")]
    [InlineData("postgresql", """{"url":"https://example.test","events":["task.failed"],"worker":"no-such-worker","secret":"s"}""", "worker")]
    [InlineData("postgresql", """{"url":"https://example.test","events":["webhook.test"],"secret":"s"}""", "events[0]")]
    public async Task Create_BadInput_Answers400NamingTheFieldAndCreatesNothing(string store, string body, string field)
    {
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();

        var response = await admin.PostAsync("/api/webhooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty(await host.Webhooks.ListWebhooksAsync(CancellationToken.None));
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=webhook.*");
        Assert.Equal(0, audit.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Routes_WithoutThePermission_Answer403AndChangeNothing(string store)
    {
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();
        var id = await WebhookHost.CreateHookAsync(admin, "https://example.test/hook", Secret, ["task.failed"]);
        using var operatorClient = await host.UserAsync("ops", "operator");
        using var viewer = await host.UserAsync("viewer1", "viewer");

        // The operator has system:settings:view, not :update.
        var listed = await operatorClient.GetStringAsync("/api/webhooks");
        Assert.Contains("https://example.test/hook", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/api/webhooks", new { url = "https://x.test", events = new[] { "task.failed" }, secret = "s" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync($"/api/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsync($"/api/webhooks/{id}/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/api/webhooks")).StatusCode);

        Assert.Single(await host.Webhooks.ListWebhooksAsync(CancellationToken.None));
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=webhook.*");
        Assert.Equal(["webhook.create"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task SendTest_UnknownOrBadId_Answers404Or400(string store)
    {
        await using var host = await WebhookHost.StartAsync(store);
        using var admin = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/webhooks/999/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/webhooks/abc/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync("/api/webhooks/-1")).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=webhook.*");
        Assert.Equal(0, audit.GetProperty("total").GetInt64());
    }
}
