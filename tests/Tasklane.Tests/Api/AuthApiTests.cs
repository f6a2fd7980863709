using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class AuthApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(o =>
    {
        o.LoginAttempts = 3;
        o.LoginWindow = TimeSpan.FromMinutes(5);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_RightPassword_ReturnsTokenUserAndCookie()
    {
        using var client = _host.Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        Assert.EndsWith("Z", body.GetProperty("expires_at").GetString());
        Assert.Equal("admin", body.GetProperty("user").GetProperty("role").GetString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tasklane_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401Problem()
    {
        using var client = _host.Anonymous();
        await ProblemAssert.IsAsync(client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password" }), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsAsync(client.PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "wrong-password" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_TooManyFailures_Returns429WithRetryAfter()
    {
        using var client = _host.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            await ProblemAssert.IsAsync(client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password" }), HttpStatusCode.Unauthorized);
        }
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword });
        await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Login_DisabledUser_Returns401AndItsTokenStopsWorking()
    {
        using var viewer = await _host.UserAsync("vera", "viewer");
        using var admin = await _host.AdminAsync();
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        var id = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("username").GetString() == "vera").GetProperty("id").GetInt64();
        var update = await admin.PutAsJsonAsync($"/api/users/{id}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        using var client = _host.Anonymous();
        await ProblemAssert.IsAsync(client.PostAsJsonAsync("/api/auth/login", new { username = "vera", password = "password-vera" }), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsAsync(viewer.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_DisabledUsersRightPassword_AnswersExactlyAsAWrongPassword()
    {
        using var admin = await _host.AdminAsync();
        (await _host.UserAsync("dora", "viewer")).Dispose();
        (await _host.UserAsync("wes", "viewer")).Dispose();
        var id = await UserIdAsync(admin, "dora");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{id}", new { disabled = true })).StatusCode);

        using var client = _host.Anonymous();
        var disabled = await client.PostAsJsonAsync("/api/auth/login", new { username = "dora", password = "password-dora" });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { username = "wes", password = "wrong-password" });

        Assert.Equal(wrong.StatusCode, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        // Every problem carries its own request's traceId; all else is the same.
        Assert.Equal(await WithoutTraceIdAsync(wrong), await WithoutTraceIdAsync(disabled));
        Assert.Equal(wrong.Content.Headers.ContentType, disabled.Content.Headers.ContentType);
    }

    [Fact]
    public async Task Disable_RevokesTokens_SoEnablingAgainDoesNotBringOldSessionsBack()
    {
        using var viewer = await _host.UserAsync("val", "viewer");
        using var admin = await _host.AdminAsync();
        var id = await UserIdAsync(admin, "val");

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{id}", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{id}", new { disabled = false })).StatusCode);

        await ProblemAssert.IsAsync(viewer.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        using var again = await _host.SignInAsync("val", "password-val");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me")).StatusCode);
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    private static async Task<long> UserIdAsync(HttpClient admin, string username)
    {
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users");
        return users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("username").GetString() == username).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Logout_RevokesTheToken()
    {
        using var client = await _host.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        await ProblemAssert.IsAsync(client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_ReturnsUserWithPermissions()
    {
        using var client = await _host.UserAsync("olga", "operator");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("olga", me.GetProperty("username").GetString());
        Assert.Equal("operator", me.GetProperty("role").GetString());
        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("task:create", permissions);
        Assert.DoesNotContain("task:view_all", permissions);
        Assert.DoesNotContain("user:manage", permissions);
        Assert.False(me.TryGetProperty("password_hash", out _));
    }

    [Theory]
    [InlineData("GET", "/api/auth/me")]
    [InlineData("GET", "/api/tasks")]
    [InlineData("POST", "/api/tasks")]
    [InlineData("GET", "/api/tasks/1")]
    [InlineData("GET", "/api/tasks/1/events")]
    [InlineData("POST", "/api/tasks/1/cancel")]
    [InlineData("DELETE", "/api/tasks/1")]
    [InlineData("GET", "/api/users")]
    [InlineData("GET", "/api/user-tasks")]
    [InlineData("GET", "/api/failed-tasks")]
    [InlineData("GET", "/api/system/task-settings")]
    public async Task AnyRoute_Anonymous_Returns401Problem(string method, string path)
    {
        using var client = _host.Anonymous();
        await ProblemAssert.IsAsync(client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnyRoute_BadBearerToken_Returns401Problem()
    {
        using var client = _host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await ProblemAssert.IsAsync(client.GetAsync("/api/tasks"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cookie_PostWithoutAntiforgeryToken_IsRefused_AndWithTokenPasses()
    {
        using var client = _host.Anonymous();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword });
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tasklane_session=", StringComparison.Ordinal)).Split(';')[0];
        client.DefaultRequestHeaders.Add("Cookie", session);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        await ProblemAssert.IsAsync(client.PostAsync("/api/tasks/process-pending", null), HttpStatusCode.Forbidden);

        var antiforgery = await client.GetAsync("/api/auth/antiforgery");
        var token = (await antiforgery.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var csrfCookie = antiforgery.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tasks/process-pending");
        request.Headers.Add("Cookie", csrfCookie);
        request.Headers.Add("X-CSRF-TOKEN", token);
        client.DefaultRequestHeaders.Remove("Cookie");
        request.Headers.Add("Cookie", session);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_Anonymous_Returns200WithSecurityHeaders()
    {
        using var client = _host.Anonymous();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreProblems()
    {
        using var client = await _host.AdminAsync();
        await ProblemAssert.IsAsync(client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(client.PutAsync("/api/auth/me", null), HttpStatusCode.MethodNotAllowed);
    }
}
