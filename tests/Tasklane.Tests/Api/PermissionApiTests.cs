using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class PermissionApiTests : IAsyncLifetime
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
    public async Task Viewer_WriteRoutes_Return403Problem()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
        using var viewer = await _host.UserAsync("vic", "viewer");
        var calls = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/tasks"), (HttpMethod.Post, $"/api/tasks/{id}/cancel"), (HttpMethod.Post, $"/api/tasks/{id}/retry"),
            (HttpMethod.Post, $"/api/tasks/{id}/execute"), (HttpMethod.Delete, $"/api/tasks/{id}"), (HttpMethod.Post, "/api/tasks/cleanup"),
            (HttpMethod.Post, "/api/tasks/process-pending"), (HttpMethod.Get, "/api/users"), (HttpMethod.Post, "/api/users"),
            (HttpMethod.Put, "/api/users/1"), (HttpMethod.Delete, "/api/users/1"), (HttpMethod.Get, "/api/roles"),
            (HttpMethod.Put, "/api/system/task-settings"), (HttpMethod.Get, "/api/system/task-settings"),
        };
        foreach (var (method, path) in calls)
        {
            await ProblemAssert.IsAsync(viewer.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) }), HttpStatusCode.Forbidden);
        }
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task Operator_OtherUsersTask_Is404OnEveryRouteAndAbsentFromLists()
    {
        using var alice = await _host.UserAsync("alice", "operator");
        using var bob = await _host.UserAsync("bob", "operator");
        var id = await ApiHost.CreateTaskAsync(alice, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddHours(1) });
        var calls = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, $"/api/tasks/{id}"), (HttpMethod.Get, $"/api/tasks/{id}/status"), (HttpMethod.Get, $"/api/tasks/{id}/logs"),
            (HttpMethod.Get, $"/api/tasks/{id}/logs/export"), (HttpMethod.Get, $"/api/tasks/{id}/events"), (HttpMethod.Get, $"/api/tasks/{id}/artifact"),
            (HttpMethod.Post, $"/api/tasks/{id}/cancel"), (HttpMethod.Post, $"/api/tasks/{id}/retry"), (HttpMethod.Post, $"/api/tasks/{id}/execute"),
            (HttpMethod.Delete, $"/api/tasks/{id}"),
        };
        foreach (var (method, path) in calls)
        {
            await ProblemAssert.IsAsync(bob.SendAsync(new HttpRequestMessage(method, path)), HttpStatusCode.NotFound);
        }
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/user-tasks")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await (await bob.PostAsync("/api/tasks/process-pending", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());

        Assert.Equal(1, (await alice.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/tasks/{id}")).StatusCode);
        Assert.Equal(1, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64());
    }
}
