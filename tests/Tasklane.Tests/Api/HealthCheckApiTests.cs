using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace Tasklane.Tests.Api;

/// <summary><c>AddTasklaneHealthChecks()</c> and the <c>/healthz</c> summary: each check going bad, and the status codes.</summary>
public sealed class HealthCheckApiTests
{
    [Fact]
    public async Task Healthz_AllChecksHealthy_200OkWithEachCheck()
    {
        await using var host = await StartAsync();

        var body = await HealthzAsync(host, HttpStatusCode.OK);

        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("sqlite", body.GetProperty("store").GetString());
        foreach (var name in new[] { TasklaneHealthChecks.Store, TasklaneHealthChecks.Heartbeat, TasklaneHealthChecks.Backlog, TasklaneHealthChecks.Workers })
        {
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Store_DoesNotAnswer_503Unhealthy()
    {
        await using var host = await StartAsync();
        // The database file is gone and a folder stands in its place: no connection to it opens any more.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { host.DatabasePath, host.DatabasePath + "-wal", host.DatabasePath + "-shm" }) File.Delete(file);
        Directory.CreateDirectory(host.DatabasePath);
        SqliteConnection.ClearAllPools();

        var body = await HealthzAsync(host, HttpStatusCode.ServiceUnavailable);

        Assert.Equal("unhealthy", Check(body, TasklaneHealthChecks.Store));
        Assert.Contains(TasklaneHealthChecks.Store, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_OlderThanTheLimit_503Unhealthy()
    {
        await using var host = await StartAsync(o => o.HeartbeatMaxAge = TimeSpan.FromTicks(1));

        var body = await HealthzAsync(host, HttpStatusCode.ServiceUnavailable);

        Assert.Equal("unhealthy", Check(body, TasklaneHealthChecks.Heartbeat));
        Assert.Equal("healthy", Check(body, TasklaneHealthChecks.Store));
    }

    [Fact]
    public async Task Backlog_OldestDueTaskWaitsPastTheLimit_200Degraded()
    {
        await using var host = await StartAsync();
        // A task of a worker that is switched off waits on purpose: the workers check leaves it alone, the backlog does not.
        await GhostTaskAsync(host, active: false, dueAgo: TimeSpan.FromMinutes(10));

        var body = await HealthzAsync(host, HttpStatusCode.OK);

        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal("degraded", Check(body, TasklaneHealthChecks.Backlog));
        Assert.Equal("healthy", Check(body, TasklaneHealthChecks.Workers));
    }

    [Fact]
    public async Task Workers_DueTaskForAWorkerNoAliveNodeRuns_200Degraded()
    {
        await using var host = await StartAsync();
        await GhostTaskAsync(host, active: true, dueAgo: TimeSpan.FromMinutes(1));

        var body = await HealthzAsync(host, HttpStatusCode.OK);

        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal("degraded", Check(body, TasklaneHealthChecks.Workers));
        Assert.Contains("ghost", body.GetProperty("checks").GetProperty(TasklaneHealthChecks.Workers).GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", Check(body, TasklaneHealthChecks.Backlog));
    }

    [Fact]
    public async Task Healthz_WithoutTheChecks_KeepsThePingAnswer()
    {
        await using var host = await ApiHost.StartAsync();

        var body = await HealthzAsync(host, HttpStatusCode.OK);

        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("checks", out _));
    }

    private static Task<ApiHost> StartAsync(Action<TasklaneHealthOptions>? configure = null) =>
        ApiHost.StartAsync(host: (services, _) => services.AddHealthChecks().AddTasklaneHealthChecks(configure));

    /// <summary>A worker no node runs (a row of the store only, as one whose nodes are gone) and a task of it, due a while ago.</summary>
    private static async Task GhostTaskAsync(ApiHost host, bool active, TimeSpan dueAgo)
    {
        var now = DateTimeOffset.UtcNow;
        await host.Store.UpsertWorkersAsync([new WorkerRow { Identifier = "ghost", Title = "Ghost", Actions = ["run"], Active = active }], updateExisting: false, now, CancellationToken.None);
        await host.Store.CreateTaskAsync(new CreateTaskParams
        {
            Worker = "ghost", Action = "run", Data = "{}", Queue = "default", MaxAttempts = 1, RunAt = now - dueAgo, Now = now - dueAgo,
            LogMessage = "Created by the health check test",
        }, CancellationToken.None);
    }

    private static async Task<JsonElement> HealthzAsync(ApiHost host, HttpStatusCode expected)
    {
        var response = await host.Anonymous().GetAsync("/healthz");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static string? Check(JsonElement body, string name) =>
        body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString();
}
