using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;

namespace Tasklane.Tests.Api;

/// <summary>An unknown query parameter is a 400 naming it on every API route, not a filter silently left out.</summary>
public sealed class QueryParameterApiTests : IAsyncLifetime
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
    public async Task TaskList_MisspelledFilter_Returns400NamingIt()
    {
        await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        var problem = await ProblemAssert.IsAsync(_admin.GetAsync("/api/tasks?schedule_idd=nightly"), HttpStatusCode.BadRequest, "schedule_idd");
        Assert.Contains("schedule_idd", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var known = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?status=pending&Page_Size=5&category=user");
        Assert.Equal(5, known.GetProperty("page_size").GetInt32());
    }

    [Fact]
    public async Task UnderAPrefix_UnknownParameter_Returns400()
    {
        await using var host = await ApiHost.StartAsync(prefix: "/ops");
        await ProblemAssert.IsAsync(host.Anonymous().GetAsync("/ops/healthz?verbose=1"), HttpStatusCode.BadRequest, "verbose");
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().GetAsync("/ops/healthz")).StatusCode);
    }

    [Fact]
    public async Task EveryRoute_UnknownParameter_Returns400NamingIt()
    {
        // The routes the host mapped, not a list kept here: a new route is checked the day it is mapped.
        var routes = ApiRoutes.From(_host.Services.GetRequiredService<EndpointDataSource>());
        Assert.NotEmpty(routes);
        foreach (var route in routes) await UnknownParameterAsync(route.Method, route.Path);
    }

    [Fact]
    public async Task DeclaredParameter_OnAnotherRoute_IsStillUnknown()
    {
        // after= is declared by the log routes, not by the detail.
        await ProblemAssert.IsAsync(_admin.GetAsync("/api/tasks/1?after=3"), HttpStatusCode.BadRequest, "after");
        var problem = await ProblemAssert.IsAsync(_admin.GetAsync("/api/tasks/1/logs?after=0&bogus=1"), HttpStatusCode.BadRequest, "bogus");
        Assert.Contains("known: after, limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task UnknownParameterAsync(string method, string path)
    {
        var url = path.Replace("{id}", "1", StringComparison.Ordinal).Replace("{identifier}", "demo", StringComparison.Ordinal) + "?bogus_filter=1";
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { });
        var client = path == "/api/auth/login" || path == "/healthz" ? _host.Anonymous() : _admin;
        await ProblemAssert.IsAsync(client.SendAsync(request), HttpStatusCode.BadRequest, "bogus_filter");
        // The admin's session survives the refused logout.
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/auth/me")).StatusCode);
    }
}
