using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class PrefixApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(prefix: "/tasklane");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task MapTasklane_WithPrefix_ServesRoutesUnderIt()
    {
        using var client = _host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tasklane/healthz")).StatusCode);
        var login = await client.PostAsJsonAsync("/tasklane/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("path=/tasklane", login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tasklane_session", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var created = await client.PostAsJsonAsync("/tasklane/api/tasks", new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/tasklane/api/tasks/", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(client.GetAsync("/tasklane/api/unknown"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task ScheduleTrigger_WithPrefix_LocationIsUnderIt()
    {
        using var client = _host.Anonymous();
        var login = await client.PostAsJsonAsync("/tasklane/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword });
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        var put = await client.PutAsJsonAsync("/tasklane/api/workers/demo-sync/settings",
            new { schedule = new { kind = "periodic", period = "daily", at = "06:30", enabled = false } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var triggered = await client.PostAsync("/tasklane/api/task-schedules/demo-sync/trigger", null);

        Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
        var id = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal($"/tasklane/api/tasks/{id}", triggered.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(triggered.Headers.Location)).StatusCode);
    }
}
