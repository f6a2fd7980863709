using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tasklane.Tests.Api;

namespace Tasklane.Tests.Queues;

/// <summary><c>PUT /api/queues/:name</c>, the queue fields of <c>GET /api/queues</c> and concurrency keys on create, through the real HTTP pipeline on both stores.</summary>
public sealed class QueueApiTests
{
    private static async Task<JsonElement> QueueAsync(HttpClient client, string name)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/queues");
        return list.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("name").GetString() == name);
    }

    private static Task<HttpResponseMessage> PutRawAsync(HttpClient client, string name, string json) =>
        client.PutAsync($"/api/queues/{name}", new StringContent(json, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Put_SetsTheFields_KeepsTheOnesLeftOut_AndGetShowsThem(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a", o => o.RunEngine = false);
        using var admin = await QueueStores.SignInAsync(node);

        // A queue with no task yet can be configured, and is listed from then on.
        var put = await admin.PutAsJsonAsync("/api/queues/emails", new { paused = true, global_concurrency = 4, rate_per_second = 2.5 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var answer = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("paused").GetBoolean());
        Assert.Equal(4, answer.GetProperty("global_concurrency").GetInt32());
        Assert.Equal(2.5, answer.GetProperty("rate_per_second").GetDouble());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/queues/emails", new { paused = false })).StatusCode);
        var emails = await QueueAsync(admin, "emails");
        Assert.False(emails.GetProperty("paused").GetBoolean());
        Assert.Equal(4, emails.GetProperty("global_concurrency").GetInt32());
        Assert.Equal(2.5, emails.GetProperty("rate_per_second").GetDouble());

        // null clears a limit.
        Assert.Equal(HttpStatusCode.OK, (await PutRawAsync(admin, "emails", """{"global_concurrency": null}""")).StatusCode);
        emails = await QueueAsync(admin, "emails");
        Assert.Equal(JsonValueKind.Null, emails.GetProperty("global_concurrency").ValueKind);
        Assert.Equal(2.5, emails.GetProperty("rate_per_second").GetDouble());

        // A queue that only has tasks shows the defaults.
        await ApiHost.CreateTaskAsync(admin, new { worker = "limits", action = "work", data = new { ms = 1 } });
        var limited = await QueueAsync(admin, "limited");
        Assert.False(limited.GetProperty("paused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, limited.GetProperty("global_concurrency").ValueKind);
        Assert.Equal(JsonValueKind.Null, limited.GetProperty("rate_per_second").ValueKind);
    }

    [Theory]
    [InlineData("sqlite", """{"global_concurrency": 0}""", "global_concurrency")]
    [InlineData("sqlite", """{"global_concurrency": -1}""", "global_concurrency")]
    [InlineData("sqlite", """{"global_concurrency": 1.5}""", "global_concurrency")]
    [InlineData("sqlite", """{"global_concurrency": "3"}""", "global_concurrency")]
    [InlineData("sqlite", """{"rate_per_second": 0}""", "rate_per_second")]
    [InlineData("sqlite", """{"rate_per_second": -2}""", "rate_per_second")]
    [InlineData("sqlite", """{"rate_per_second": "fast"}""", "rate_per_second")]
    [InlineData("sqlite", """{"paused": "yes"}""", "paused")]
    [InlineData("sqlite", """{"paused": null}""", "paused")]
    [InlineData("sqlite", """{"speed": 1}""", "speed")]
    [InlineData("postgresql", """{"global_concurrency": 0}""", "global_concurrency")]
    [InlineData("postgresql", """{"rate_per_second": -2}""", "rate_per_second")]
    public async Task Put_InvalidValue_Is400NamingTheField_AndChangesNothing(string store, string body, string field)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a", o => o.RunEngine = false);
        using var admin = await QueueStores.SignInAsync(node);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/queues/emails", new { global_concurrency = 2, rate_per_second = 1 })).StatusCode);

        var response = await PutRawAsync(admin, "emails", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var emails = await QueueAsync(admin, "emails");
        Assert.Equal(2, emails.GetProperty("global_concurrency").GetInt32());
        Assert.Equal(1, emails.GetProperty("rate_per_second").GetDouble());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Put_WritesOneAuditEntryWithOldAndNewValues(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a", o => o.RunEngine = false);
        using var admin = await QueueStores.SignInAsync(node);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/queues/emails", new { global_concurrency = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/queues/emails", new { paused = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/queues/emails", new { global_concurrency = 0 })).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=queue.update");
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        var last = entries[0];
        Assert.Equal("queue", last.GetProperty("target_type").GetString());
        Assert.Equal("emails", last.GetProperty("target_id").GetString());
        Assert.Equal(ApiHost.ClientIp, last.GetProperty("ip").GetString());
        var details = last.GetProperty("details");
        if (details.ValueKind == JsonValueKind.String) details = JsonDocument.Parse(details.GetString()!).RootElement;
        Assert.False(details.GetProperty("old").GetProperty("paused").GetBoolean());
        Assert.Equal(2, details.GetProperty("old").GetProperty("global_concurrency").GetInt32());
        Assert.True(details.GetProperty("new").GetProperty("paused").GetBoolean());
        Assert.Equal(2, details.GetProperty("new").GetProperty("global_concurrency").GetInt32());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Put_WithoutQueueUpdate_Is403_AndChangesNothing(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a", o => o.RunEngine = false);
        using var admin = await QueueStores.SignInAsync(node);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/users", new { username = "vera", password = "password-vera", role = "viewer" })).StatusCode);
        using var viewer = await QueueStores.SignInAsync(node, "vera", "password-vera");

        var response = await viewer.PutAsJsonAsync("/api/queues/emails", new { paused = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/queues")).GetProperty("items").EnumerateArray(),
            q => q.GetProperty("name").GetString() == "emails");
        // Reading the queues needs only task:list.
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/queues")).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Create_ConcurrencyKey_IsShownOnTheTask_SingleAndBatch_AndABadLimitIs400(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a", o => o.RunEngine = false);
        using var admin = await QueueStores.SignInAsync(node);

        var single = await admin.PostAsJsonAsync("/api/tasks", new { worker = "limits", action = "work", concurrency_key = "tenant:1", concurrency_limit = 2 });
        Assert.Equal(HttpStatusCode.Created, single.StatusCode);
        var task = await single.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tenant:1", task.GetProperty("concurrency_key").GetString());
        Assert.Equal(2, task.GetProperty("concurrency_limit").GetInt32());
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{task.GetProperty("id").GetInt64()}");
        Assert.Equal("tenant:1", detail.GetProperty("concurrency_key").GetString());

        var batch = await admin.PostAsJsonAsync("/api/tasks/batch", new
        {
            tasks = new object[]
            {
                new { worker = "limits", action = "work", concurrency_key = "tenant:2" },
                new { worker = "limits", action = "import", data = new { object_id = "42" } },
                new { worker = "limits", action = "work" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        var items = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("tenant:2", items[0].GetProperty("concurrency_key").GetString());
        Assert.Equal(1, items[0].GetProperty("concurrency_limit").GetInt32());
        Assert.Equal("import:42", items[1].GetProperty("concurrency_key").GetString());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("concurrency_key").ValueKind);

        var bad = await admin.PostAsJsonAsync("/api/tasks", new { worker = "limits", action = "work", concurrency_key = "k", concurrency_limit = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("concurrency_limit", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
