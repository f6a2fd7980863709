using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class StatsApiTests : IAsyncLifetime
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
    public async Task Stats_CompletedTasks_CountsRatesWorkersAndSeries()
    {
        var a = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        var b = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ApiHost.WaitForStatusAsync(_admin, a, "completed");
        await ApiHost.WaitForStatusAsync(_admin, b, "completed");

        var stats = await _admin.GetFromJsonAsync<JsonElement>("/api/stats");

        Assert.Equal(2, stats.GetProperty("counts").GetProperty("completed").GetInt64());
        Assert.Equal(2, stats.GetProperty("total").GetInt64());
        Assert.Equal(1.0, stats.GetProperty("success_rate").GetDouble());
        Assert.Equal(0.0, stats.GetProperty("failure_rate").GetDouble());
        Assert.Equal(JsonValueKind.Number, stats.GetProperty("avg_duration_ms").ValueKind);
        var worker = Assert.Single(stats.GetProperty("workers").EnumerateArray());
        Assert.Equal("sleep", worker.GetProperty("worker").GetString());
        Assert.Equal(2, worker.GetProperty("created").GetInt64());
        Assert.Equal(3600, stats.GetProperty("bucket_seconds").GetInt32());
        Assert.Equal(2, stats.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("created").GetInt64()));
    }

    [Fact]
    public async Task Stats_Viewer_SeesOnlyOwnTasks()
    {
        await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        using var viewer = await _host.UserAsync("vera", "viewer");

        var stats = await viewer.GetFromJsonAsync<JsonElement>("/api/stats");

        Assert.Equal(0, stats.GetProperty("total").GetInt64());
        Assert.Empty(stats.GetProperty("workers").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/stats?from=yesterday")]
    [InlineData("/api/stats?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z")]
    [InlineData("/api/stats?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")]
    public async Task Stats_BadRange_Returns400(string url)
    {
        var response = await _admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task StatsAndQueues_APipelineWithSubtasks_ShowSubtasksAsTheirOwnFigure()
    {
        var parent = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { } });
        await ApiHost.WaitForStatusAsync(_admin, parent, "completed");

        var stats = await _admin.GetFromJsonAsync<JsonElement>("/api/stats");
        var list = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?status=completed");
        var queues = await _admin.GetFromJsonAsync<JsonElement>("/api/queues");

        // The pipeline's four steps are counted in the stats, and shown as subtasks; the task list shows the parent.
        var subtasks = stats.GetProperty("subtasks");
        Assert.Equal(4, subtasks.GetProperty("total").GetInt64());
        Assert.Equal(4, subtasks.GetProperty("counts").GetProperty("completed").GetInt64());
        Assert.Equal(5, stats.GetProperty("counts").GetProperty("completed").GetInt64());
        Assert.Equal(list.GetProperty("total").GetInt64(),
            stats.GetProperty("counts").GetProperty("completed").GetInt64() - subtasks.GetProperty("counts").GetProperty("completed").GetInt64());
        var queue = queues.GetProperty("items").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "default");
        Assert.Equal(0, queue.GetProperty("subtasks").GetProperty("pending").GetInt64());
        Assert.Equal(0, queue.GetProperty("subtasks").GetProperty("failed").GetInt64());
    }

    [Fact]
    public async Task Stats_Anonymous_Returns401()
    {
        using var anonymous = _host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/stats")).StatusCode);
    }

    [Fact]
    public async Task Queues_WithTasksAndNode_ListsCountsAndConcurrency()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddDays(1) });

        var body = await _admin.GetFromJsonAsync<JsonElement>("/api/queues");

        var queue = Assert.Single(body.GetProperty("items").EnumerateArray(), q => q.GetProperty("name").GetString() == "default");
        Assert.Equal(1, queue.GetProperty("pending").GetInt64());
        Assert.Equal(0, queue.GetProperty("failed").GetInt64());
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Nodes_RunningEngine_ListsAliveNode()
    {
        JsonElement node = default;
        await Support.Eventually.TrueAsync(async () =>
        {
            var body = await _admin.GetFromJsonAsync<JsonElement>("/api/nodes");
            var items = body.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0) return false;
            node = items[0];
            return true;
        }, ApiHost.Timeout, "a node to heartbeat");

        Assert.True(node.GetProperty("alive").GetBoolean());
        Assert.Equal(Environment.ProcessId, node.GetProperty("pid").GetInt32());
        Assert.True(node.GetProperty("heartbeat_age_seconds").GetDouble() < 30);
    }
}
