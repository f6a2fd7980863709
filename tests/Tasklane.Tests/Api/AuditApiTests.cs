using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.Tests.Api;

/// <summary>The audit log through the real HTTP pipeline: every operator action leaves one entry, refused ones none, secrets masked, admins only.</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private static object Later(int hours = 1) => new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(hours) };

    private async Task<JsonElement> AuditAsync(string query = "")
    {
        var response = await _admin.GetAsync("/api/audit?page_size=200" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Actions(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task OperatorActions_ThroughTheApi_EachLeavesOneEntryWithActorIpAndTarget()
    {
        var cancelled = await ApiHost.CreateTaskAsync(_admin, Later());
        var executed = await ApiHost.CreateTaskAsync(_admin, Later());
        var deleted = await ApiHost.CreateTaskAsync(_admin, Later());
        await ApiHost.CreateTaskAsync(_admin, Later(2));

        await OkAsync(_admin.PostAsync($"/api/tasks/{cancelled}/cancel", null));
        await OkAsync(_admin.PostAsync($"/api/tasks/{executed}/execute", null));
        await OkAsync(_admin.DeleteAsync($"/api/tasks/{deleted}"));
        await OkAsync(_admin.PostAsync("/api/tasks/process-pending", null));
        await OkAsync(_admin.PostAsync($"/api/tasks/{cancelled}/retry", null));
        await OkAsync(_admin.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = 3650 }));
        await OkAsync(_admin.PostAsync("/api/task-schedules/demo-sync/toggle", null));
        await OkAsync(_admin.PostAsync("/api/task-schedules/demo-sync/trigger", null));
        await OkAsync(_admin.PostAsync("/api/workers/demo-sync/deactivate", null));
        await OkAsync(_admin.PostAsync("/api/workers/demo-sync/activate", null));
        await OkAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { audit_retention_days = 90 }));
        var user = await (await _admin.PostAsJsonAsync("/api/users", new { username = "bob", password = "bob-password-1", role = "viewer" })).Content.ReadFromJsonAsync<JsonElement>();
        var bobId = user.GetProperty("id").GetInt64();
        await OkAsync(_admin.PutAsJsonAsync($"/api/users/{bobId}", new { role = "operator" }));
        await OkAsync(_admin.PostAsJsonAsync("/api/roles", new { name = "support", permissions = new[] { "task:list" } }));
        await OkAsync(_admin.PutAsJsonAsync("/api/roles/support", new { permissions = new[] { "task:list", "task:view" } }));
        await OkAsync(_admin.DeleteAsync("/api/roles/support"));
        await OkAsync(_admin.DeleteAsync($"/api/users/{bobId}"));

        var page = await AuditAsync();
        var actions = Actions(page);
        string[] expected =
        [
            "user.delete", "role.delete", "role.update", "role.create", "user.update", "user.create", "settings.update",
            "worker.activate", "worker.deactivate", "schedule.trigger", "schedule.toggle", "task.cleanup", "task.retry",
            "task.process_pending", "task.delete", "task.execute", "task.cancel", "auth.login",
        ];
        Assert.Equal(expected, actions);
        foreach (var entry in page.GetProperty("items").EnumerateArray())
        {
            Assert.Equal("admin", entry.GetProperty("actor").GetProperty("username").GetString());
            Assert.Equal(ApiHost.ClientIp, entry.GetProperty("ip").GetString());
        }
        JsonElement One(string action) => page.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == action);
        Assert.Equal(("task", cancelled.ToString()), (One("task.cancel").GetProperty("target_type").GetString(), One("task.cancel").GetProperty("target_id").GetString()));
        Assert.Equal(bobId.ToString(), One("user.create").GetProperty("target_id").GetString());
        Assert.Equal("bob", One("user.delete").GetProperty("details").GetProperty("username").GetString());
        Assert.Equal(1, One("task.process_pending").GetProperty("details").GetProperty("count").GetInt32());
        Assert.Equal(90, One("settings.update").GetProperty("details").GetProperty("audit_retention_days").GetInt32());
        Assert.Equal("demo-sync", One("schedule.trigger").GetProperty("target_id").GetString());
        Assert.True(One("schedule.trigger").GetProperty("details").GetProperty("task_id").GetInt64() > 0);
        Assert.Contains(One("schedule.toggle").GetProperty("details").GetProperty("enabled").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
    }

    [Fact]
    public async Task WorkerSettings_WithASecret_RecordedMasked()
    {
        const string secret = "s3cr3t-api-key-value";
        await OkAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test", api_key = secret } }));

        var response = await _admin.GetAsync("/api/audit?action=worker.settings");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await (await _admin.GetAsync("/audit?action=worker.settings")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray());
        var settings = entry.GetProperty("details").GetProperty("settings");
        Assert.Equal(("********", "https://example.test"), (settings.GetProperty("api_key").GetString(), settings.GetProperty("endpoint").GetString()));
    }

    [Fact]
    public async Task SignIn_SucceededFailedAndSignedOut_EachRecorded()
    {
        using var anonymous = _host.Anonymous();
        await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password-1" });
        await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "wrong-password-1" });
        using var second = await _host.AdminAsync();
        await OkAsync(second.PostAsync("/api/auth/logout", null));

        var page = await AuditAsync("&action=auth.*");
        Assert.Equal(["auth.logout", "auth.login", "auth.login_failed", "auth.login_failed", "auth.login"], Actions(page));
        var failed = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "auth.login_failed").ToList();
        Assert.Equal(["nobody", "admin"], failed.Select(e => e.GetProperty("actor").GetProperty("username").GetString()));
        Assert.All(failed, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("actor").GetProperty("id").ValueKind));
        Assert.DoesNotContain("wrong-password-1", page.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedActions_LeaveNoEntry()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, Later());
        await ProblemAssert.IsAsync(_admin.PostAsync($"/api/tasks/{id}/retry", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/tasks/999999/cancel", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/workers/nope/activate", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { audit_retention_days = 0 }), HttpStatusCode.BadRequest, "audit_retention_days");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/users", new { username = "admin", password = "another-password-1", role = "viewer" }), HttpStatusCode.Conflict);

        Assert.Equal(["auth.login"], Actions(await AuditAsync()));
    }

    [Fact]
    public async Task Audit_FiltersAndPages_NewestFirst()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await ApiHost.CreateTaskAsync(_admin, Later()));
        foreach (var id in ids) await OkAsync(_admin.PostAsync($"/api/tasks/{id}/cancel", null));

        var first = await _admin.GetFromJsonAsync<JsonElement>("/api/audit?action=task.cancel&page_size=2");
        Assert.Equal((5, 1, 2), (first.GetProperty("total").GetInt32(), first.GetProperty("current").GetInt32(), first.GetProperty("page_size").GetInt32()));
        Assert.Equal([ids[4].ToString(), ids[3].ToString()], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target_id").GetString()));
        var third = await _admin.GetFromJsonAsync<JsonElement>("/api/audit?action=task.cancel&page_size=2&current=3");
        Assert.Equal([ids[0].ToString()], third.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target_id").GetString()));
        Assert.Equal(1, (await _admin.GetFromJsonAsync<JsonElement>($"/api/audit?target_type=task&target_id={ids[2]}")).GetProperty("total").GetInt32());
        Assert.Equal(6, (await _admin.GetFromJsonAsync<JsonElement>("/api/audit?actor=ADMIN")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/audit?actor=bob")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}")).GetProperty("total").GetInt32());
        Assert.Equal(6, (await _admin.GetFromJsonAsync<JsonElement>($"/api/audit?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}")).GetProperty("total").GetInt32());

        await ProblemAssert.IsAsync(_admin.GetAsync("/api/audit?from=yesterday"), HttpStatusCode.BadRequest, "from");
        await ProblemAssert.IsAsync(_admin.GetAsync("/api/audit?current=0"), HttpStatusCode.BadRequest, "current");
        await ProblemAssert.IsAsync(_admin.GetAsync("/api/audit?acter=admin"), HttpStatusCode.BadRequest, "acter");
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("viewer")]
    public async Task Audit_NotAnAdmin_ForbiddenOnRouteAndPageAndNotInTheNavigation(string role)
    {
        using var user = await _host.UserAsync("someone", role);

        await ProblemAssert.IsAsync(user.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        var page = await user.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var dashboard = await (await user.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("href=\"/audit\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"/audit\"", await (await _admin.GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_Admin_ListsEntriesFilteredAndEncoded()
    {
        await _admin.PostAsJsonAsync("/api/auth/login", new { username = "<script>x</script>", password = "wrong-password-1" });
        using var anonymous = _host.Anonymous();
        await anonymous.PostAsJsonAsync("/api/auth/login", new { username = "<b>evil</b>", password = "wrong-password-1" });

        var html = await (await _admin.GetAsync("/audit?action=auth.login_failed")).Content.ReadAsStringAsync();

        Assert.Contains("data-audit-action=\"auth.login_failed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-audit-action=\"auth.login\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;evil&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>evil</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_EntriesOlderThanAuditRetentionDays_Removed()
    {
        await OkAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { audit_retention_days = 30 }));
        var now = DateTimeOffset.UtcNow;
        await _host.Accounts.AppendAuditAsync(new AuditEntry { At = now.AddDays(-31), Action = "task.cancel", ActorName = "old" }, CancellationToken.None);
        await _host.Accounts.AppendAuditAsync(new AuditEntry { At = now.AddDays(-29), Action = "task.cancel", ActorName = "recent" }, CancellationToken.None);

        await _host.Services.GetRequiredService<Retention>().CleanOnceAsync(CancellationToken.None);

        var actors = (await AuditAsync("&action=task.cancel")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("actor").GetProperty("username").GetString());
        Assert.Equal(["recent"], actors);
        Assert.Equal(30, (await _admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings")).GetProperty("audit_retention_days").GetInt32());
    }
}
