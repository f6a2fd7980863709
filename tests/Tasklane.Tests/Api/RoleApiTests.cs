using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>Custom roles and per-user extra permissions through the real HTTP pipeline.</summary>
public sealed class RoleApiTests : IAsyncLifetime
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

    private static async Task<List<string>> PermissionsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!)];

    private async Task<long> CreateUserAsync(string name, string role, params string[] permissions)
    {
        var response = await _admin.PostAsJsonAsync("/api/users", new { username = name, password = "password-" + name, role, permissions });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task CustomRole_GrantsExactlyItsPermissions()
    {
        var created = await _admin.PostAsJsonAsync("/api/roles", new { name = "support", permissions = new[] { "stats:view", "task:list", "task:list" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/roles/support", created.Headers.Location!.OriginalString);
        await CreateUserAsync("sam", "support");
        using var sam = await _host.SignInAsync("sam", "password-sam");

        Assert.Equal(["task:list", "stats:view"], await PermissionsAsync(sam));
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/api/stats")).StatusCode);
        await ProblemAssert.IsAsync(sam.GetAsync("/api/tasks/1"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(sam.PostAsJsonAsync("/api/tasks", new { worker = "sleep", action = "nap", data = new { seconds = 0 } }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(sam.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(sam.GetAsync("/api/users"), HttpStatusCode.Forbidden);

        // A role change reaches the signed-in user at its next request.
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync("/api/roles/support", new { permissions = new[] { "audit:view" } })).StatusCode);
        Assert.Equal(["audit:view"], await PermissionsAsync(sam));
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/api/audit")).StatusCode);
        await ProblemAssert.IsAsync(sam.GetAsync("/api/tasks"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ExtraPermissions_OnTopOfTheRole_GrantedAndTakenBack()
    {
        var id = await CreateUserAsync("vera", "viewer", "audit:view");
        using var vera = await _host.SignInAsync("vera", "password-vera");

        Assert.Equal(["task:list", "task:view", "subtask:view", "stats:view", "audit:view"], await PermissionsAsync(vera));
        Assert.Equal(HttpStatusCode.OK, (await vera.GetAsync("/api/audit")).StatusCode);
        var user = await _admin.GetFromJsonAsync<JsonElement>($"/api/users/{id}");
        Assert.Equal(["audit:view"], user.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("task:view", user.GetProperty("effective_permissions").EnumerateArray().Select(p => p.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsJsonAsync($"/api/users/{id}", new { permissions = Array.Empty<string>() })).StatusCode);
        await ProblemAssert.IsAsync(vera.GetAsync("/api/audit"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Roles_BadInputBuiltInAndInUse_Refused()
    {
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/roles", new { name = "Bad Name", permissions = new[] { "task:list" } }), HttpStatusCode.BadRequest, "name");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/roles", new { name = "x", permissions = new[] { "task:list", "task:fly" } }), HttpStatusCode.BadRequest, "permissions[1]");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/users", new { username = "u1", password = "password-u1", role = "viewer", permissions = new[] { "nope" } }), HttpStatusCode.BadRequest, "permissions[0]");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/users", new { username = "u1", password = "password-u1", role = "ghost" }), HttpStatusCode.BadRequest, "role");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/roles", new { name = "operator", permissions = new[] { "task:list" } }), HttpStatusCode.Conflict);
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/roles/viewer", new { permissions = new[] { "user:manage" } }), HttpStatusCode.Conflict);
        await ProblemAssert.IsAsync(_admin.DeleteAsync("/api/roles/admin"), HttpStatusCode.Conflict);
        await ProblemAssert.IsAsync(_admin.DeleteAsync("/api/roles/ghost"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/roles/ghost", new { permissions = new[] { "task:list" } }), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/roles", new { name = "support", permissions = new[] { "task:list" } })).StatusCode);
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/roles", new { name = "support", permissions = new[] { "task:list" } }), HttpStatusCode.Conflict);
        var id = await CreateUserAsync("sam", "support");
        await ProblemAssert.IsAsync(_admin.DeleteAsync("/api/roles/support"), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/roles/support")).StatusCode);

        var roles = await _admin.GetFromJsonAsync<JsonElement>("/api/roles");
        Assert.Equal(["admin", "operator", "viewer"], roles.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.All(roles.GetProperty("items").EnumerateArray(), r => Assert.True(r.GetProperty("built_in").GetBoolean()));
    }

    [Fact]
    public async Task LastManager_ViaRoleEdit_Refused()
    {
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/roles", new { name = "boss", permissions = new[] { "user:manage", "task:list" } })).StatusCode);
        await CreateUserAsync("bea", "boss");
        using var bea = await _host.SignInAsync("bea", "password-bea");
        var adminId = (await _admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetInt64();
        // Bea (a custom role with user:manage) demotes the only admin: she still manages users, so it goes ahead.
        Assert.Equal(HttpStatusCode.OK, (await bea.PutAsJsonAsync($"/api/users/{adminId}", new { role = "viewer" })).StatusCode);

        var problem = await ProblemAssert.IsAsync(bea.PutAsJsonAsync("/api/roles/boss", new { permissions = new[] { "task:list" } }), HttpStatusCode.Conflict);

        Assert.Contains("user:manage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("user:manage", await PermissionsAsync(bea));
        // Extra permissions count too: with user:manage given to the admin again, the role edit goes ahead.
        Assert.Equal(HttpStatusCode.OK, (await bea.PutAsJsonAsync($"/api/users/{adminId}", new { permissions = new[] { "user:manage" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bea.PutAsJsonAsync("/api/roles/boss", new { permissions = new[] { "task:list" } })).StatusCode);
    }

    [Fact]
    public async Task UsersPage_Admin_ShowsRolesAndExtraPermissionForms()
    {
        await _admin.PostAsJsonAsync("/api/roles", new { name = "support", permissions = new[] { "task:list" } });
        await CreateUserAsync("vera", "viewer", "audit:view");

        var html = await (await _admin.GetAsync("/users")).Content.ReadAsStringAsync();

        Assert.Contains("data-role=\"support\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"support\"", html, StringComparison.Ordinal);
        Assert.Contains("data-user-permissions=\"vera\"", html, StringComparison.Ordinal);
        Assert.Contains("data-json-form=\"/api/roles\"", html, StringComparison.Ordinal);
    }
}
