using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class UserApiTests : IAsyncLifetime
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

    [Fact]
    public async Task Users_CreateUpdateDelete_Work()
    {
        var created = await _admin.PostAsJsonAsync("/api/users", new { username = "carol", password = "password-1", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = user.GetProperty("id").GetInt64();
        Assert.False(user.TryGetProperty("password_hash", out _));
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/users", new { username = "carol", password = "password-1", role = "viewer" }), HttpStatusCode.Conflict);

        var updated = await _admin.PutAsJsonAsync($"/api/users/{id}", new { role = "operator", password = "password-2" });
        Assert.Equal("operator", (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        using var carol = await _host.SignInAsync("carol", "password-2");

        var list = await _admin.GetFromJsonAsync<JsonElement>("/api/users");
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain("password", list.ToString(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/users/{id}")).StatusCode);
        await ProblemAssert.IsAsync(_admin.DeleteAsync($"/api/users/{id}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"username\":\"\",\"password\":\"password-1\",\"role\":\"viewer\"}", "username")]
    [InlineData("{\"username\":\"bad name!\",\"password\":\"password-1\",\"role\":\"viewer\"}", "username")]
    [InlineData("{\"username\":\"dave\",\"password\":\"short\",\"role\":\"viewer\"}", "password")]
    [InlineData("{\"username\":\"dave\",\"password\":\"password-1\",\"role\":\"king\"}", "role")]
    [InlineData("{\"username\":5,\"password\":\"password-1\",\"role\":\"viewer\"}", "username")]
    public async Task Create_BadInput_Returns400NamingTheField(string json, string field)
    {
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/users", new StringContent(json, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task PasswordChange_RevokesTheUsersTokens_ButTheCallersOwn()
    {
        using var carol = await _host.UserAsync("carol", "viewer");
        using var carolElsewhere = await _host.SignInAsync("carol", "password-carol");
        var id = (await carol.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();

        // Changing the role only keeps the sessions.
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{id}", new { role = "operator" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{id}", new { password = "password-reset" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await carol.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await carolElsewhere.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/auth/me")).StatusCode);

        // The admin changing its own password keeps the session it did it from and ends its others.
        using var adminElsewhere = await _host.AdminAsync();
        var me = (await _admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{me}", new { password = ApiHost.AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await adminElsewhere.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Admin_CannotDeleteOrDisableItself()
    {
        var me = await _admin.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var id = me.GetProperty("id").GetInt64();
        await ProblemAssert.IsAsync(_admin.DeleteAsync($"/api/users/{id}"), HttpStatusCode.Conflict);
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync($"/api/users/{id}", new { disabled = true }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Roles_ListTheThreeBuiltInRoles()
    {
        var roles = await _admin.GetFromJsonAsync<JsonElement>("/api/roles");
        var byName = roles.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList());
        Assert.Equal(["admin", "operator", "viewer"], byName.Keys.Order());
        Assert.Equal(20, byName["admin"].Count);
        Assert.Contains("audit:view", byName["admin"]);
        Assert.Equal(["task:list", "task:view", "subtask:view", "stats:view"], byName["viewer"]);
        Assert.DoesNotContain("system:settings:update", byName["operator"]);
        Assert.Contains("queue:update", byName["operator"]);
        Assert.DoesNotContain("audit:view", byName["operator"]);
    }

    [Fact]
    public async Task Settings_GetAndPut_ValidateEachField()
    {
        var settings = await _admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings");
        Assert.Equal(10, settings.GetProperty("task_max_concurrent").GetInt32());
        Assert.Equal("database", settings.GetProperty("task_log_storage_backend").GetString());
        Assert.Equal(30, settings.GetProperty("retention_days").GetInt32());
        Assert.Equal(24, settings.GetProperty("subtask_retry_window_hours").GetInt32());
        Assert.True(settings.TryGetProperty("lease_seconds", out _));

        var put = await _admin.PutAsJsonAsync("/api/system/task-settings", new { task_max_concurrent = 4, retention_days = 7 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await _admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings");
        Assert.Equal(4, after.GetProperty("task_max_concurrent").GetInt32());
        Assert.Equal(7, after.GetProperty("retention_days").GetInt32());

        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { task_max_concurrent = 0 }), HttpStatusCode.BadRequest, "task_max_concurrent");
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { task_log_storage_backend = "tape" }), HttpStatusCode.BadRequest, "task_log_storage_backend");
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { lease_seconds = "long" }), HttpStatusCode.BadRequest, "lease_seconds");

        var backends = await _admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings/log-storage-backends");
        Assert.Equal(["database", "file"], backends.EnumerateArray().Select(b => b.GetString()));
        var file = await _admin.PutAsJsonAsync("/api/system/task-settings", new { task_log_storage_backend = "file" });
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("file", (await _admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings")).GetProperty("task_log_storage_backend").GetString());
    }
}
