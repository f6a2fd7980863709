using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>Several real <c>tasklane serve --postgres</c> nodes: schedules, cancel across nodes, a database outage.</summary>
[Collection("Processes")]
public sealed class PostgreSqlClusterTests
{
    private static async Task<JsonObject[]> TasksAsync(ServeProcess node, string query) =>
        [.. (await node.Http.GetFromJsonAsync<JsonObject>($"api/tasks?page_size=200&{query}"))!["items"]!.AsArray().Select(t => t!.AsObject())];

    private static async Task<long> TotalAsync(ServeProcess node, string status) =>
        (long)(await node.Http.GetFromJsonAsync<JsonObject>($"api/tasks?status={status}&page_size=1"))!["total"]!;

    [Fact]
    public async Task Serve_CronEveryTwoSecondsOnThreeNodes_CreatesOneTaskPerTick()
    {
        await using var databases = new PostgreSqlTestDatabases();
        using var directory = new TempDirectory();
        string[] postgres = ["--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", databases.NewSchema()];
        await using var a = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await using var b = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await using var c = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await a.SignInAsync();

        var put = await a.Http.PutAsJsonAsync("api/workers/demo-sync/settings", new { schedule = new { kind = "cron", cron = "*/2 * * * * *", enabled = true } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var started = DateTimeOffset.UtcNow;
        var fired = await Eventually.ValueAsync(() => TasksAsync(a, "worker=demo-sync"), t => t.Length >= 6, TimeSpan.FromSeconds(40), "six ticks");
        (await a.Http.PostAsync("api/task-schedules/demo-sync/toggle", null)).EnsureSuccessStatusCode();
        var elapsed = DateTimeOffset.UtcNow - started;

        var all = await TasksAsync(a, "worker=demo-sync");
        var created = all.Select(t => DateTimeOffset.Parse((string)t["created_at"]!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.All(all, t => Assert.Equal("demo-sync", (string?)t["schedule_id"]));
        Assert.All(created.Zip(created.Skip(1)), pair => Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(1), $"two tasks for one tick: {pair.First:O} and {pair.Second:O}"));
        Assert.InRange(all.Length, 6, (int)(elapsed.TotalSeconds / 2) + 2);
    }

    [Fact]
    public async Task Serve_TaskRunningOnNodeB_CancelledThroughNodeA_StopsWithinASecond()
    {
        await using var databases = new PostgreSqlTestDatabases();
        using var directory = new TempDirectory();
        string[] postgres = ["--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", databases.NewSchema()];
        await using var first = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await using var second = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await first.SignInAsync();
        await second.SignInAsync();

        var response = await first.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "sleep", data = new { seconds = 60, steps = 60 } });
        var id = (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await Eventually.ValueAsync(() => first.GetTaskAsync(id), t => (string?)t["status"] == "running", because: "the task to start");
        var logs = await first.Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}/logs");
        var startedOn = ((string)logs!["items"]!.AsArray().Select(l => l!["message"]!).Last(m => ((string)m!).StartsWith("Started attempt", StringComparison.Ordinal))!)
            .Split(" on node ")[1];
        var nodes = (await first.Http.GetFromJsonAsync<JsonObject>("api/nodes"))!["items"]!.AsArray();
        var runner = nodes.Single(n => (string?)n!["id"] == startedOn)!;
        var other = (int)runner["pid"]! == first.ProcessId ? second : first;
        Assert.Contains((int)runner["pid"]!, new[] { first.ProcessId, second.ProcessId });

        var cancel = await other.Http.PostAsync($"api/tasks/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await Eventually.ValueAsync(() => other.GetTaskAsync(id), t => (string?)t["status"] == "cancelled", TimeSpan.FromSeconds(10), "the task to stop");

        var lines = (await other.Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}/logs"))!["items"]!.AsArray();
        DateTimeOffset At(string message) => DateTimeOffset.Parse((string)lines.Last(l => (string?)l!["message"] == message)!["at"]!, System.Globalization.CultureInfo.InvariantCulture);
        var took = At("Cancelled") - At("Cancellation requested");
        Assert.True(took < TimeSpan.FromSeconds(1), $"the handler stopped {took.TotalMilliseconds} ms after the request");
    }

    [Fact]
    public async Task Serve_DatabaseDownForTenSeconds_EveryTaskCompletesAndNodesRecover()
    {
        await using var cluster = await ThrowawayPostgres.StartAsync();
        using var directory = new TempDirectory();
        string[] postgres = ["--postgres", cluster.ConnectionString];
        await using var a = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await using var b = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await a.SignInAsync();
        const int count = 60;
        for (var i = 0; i < count; i++)
        {
            var created = await a.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "sleep", data = new { seconds = 1.5, steps = 3 } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await Eventually.ValueAsync(() => TotalAsync(a, "completed"), n => n >= 5, TimeSpan.FromSeconds(30), "some tasks to complete before the outage");

        await cluster.StopServerAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await a.Http.GetAsync("healthz")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(10)); // the outage itself: the length is the point, not a wait for a condition
        await cluster.StartServerAsync();

        await Eventually.ValueAsync(() => TotalAsync(a, "completed"), n => n == count, TimeSpan.FromSeconds(90), "every task to complete after the outage");
        Assert.Equal(0, await TotalAsync(a, "failed"));
        Assert.Equal(HttpStatusCode.OK, (await a.Http.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Http.GetAsync("healthz")).StatusCode);
        Assert.False(a.HasExited || b.HasExited, "a node crashed during the outage");
        var nodes = (await a.Http.GetFromJsonAsync<JsonObject>("api/nodes"))!["items"]!.AsArray();
        Assert.Equal(2, nodes.Count(n => (bool)n!["alive"]!));
    }
}
