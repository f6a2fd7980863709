using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tasklane.Tests.Api;

/// <summary>
/// Figures that count every user's tasks (a worker's task count, a node's running tasks, a schedule's last task) are
/// shown only to a caller with <c>task:view_all</c>; for everyone else they are null in the API and a dash in the console.
/// </summary>
public sealed partial class VisibleCountsApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _operator = null!;
    private long _lastTaskId;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _admin = await _host.AdminAsync();
        _operator = await _host.UserAsync("otto", "operator");
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        var triggered = await _admin.PostAsync("/api/task-schedules/demo-sync/trigger", null);
        Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
        _lastTaskId = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _operator.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Workers_TaskCount_NullWithoutViewAll()
    {
        Assert.Equal(1, Worker(await _admin.GetFromJsonAsync<JsonElement>("/api/workers"), "sleep").GetProperty("task_count").GetInt64());
        Assert.Equal(JsonValueKind.Null, Worker(await _operator.GetFromJsonAsync<JsonElement>("/api/workers"), "sleep").GetProperty("task_count").ValueKind);
    }

    [Fact]
    public async Task Nodes_Running_NullWithoutViewAll()
    {
        var adminNodes = (await _admin.GetFromJsonAsync<JsonElement>("/api/nodes")).GetProperty("items").EnumerateArray().ToList();
        var operatorNodes = (await _operator.GetFromJsonAsync<JsonElement>("/api/nodes")).GetProperty("items").EnumerateArray().ToList();

        Assert.NotEmpty(adminNodes);
        Assert.All(adminNodes, n => Assert.Equal(JsonValueKind.Number, n.GetProperty("running").ValueKind));
        Assert.Equal(adminNodes.Count, operatorNodes.Count);
        Assert.All(operatorNodes, n => Assert.Equal(JsonValueKind.Null, n.GetProperty("running").ValueKind));
    }

    [Fact]
    public async Task Schedules_LastTaskId_NullWithoutViewAll()
    {
        Assert.Equal(_lastTaskId, Schedule(await _admin.GetFromJsonAsync<JsonElement>("/api/task-schedules")).GetProperty("last_task_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, Schedule(await _operator.GetFromJsonAsync<JsonElement>("/api/task-schedules")).GetProperty("last_task_id").ValueKind);
        var settings = await _operator.GetFromJsonAsync<JsonElement>("/api/workers/demo-sync/settings");
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("schedule").GetProperty("last_task_id").ValueKind);
        await ProblemAssert.IsAsync(_operator.GetAsync($"/api/tasks/{_lastTaskId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConsolePages_ShowTheFiguresOnlyWithViewAll()
    {
        Assert.Equal("1", TaskCountCell(await _admin.GetStringAsync("/workers")));
        Assert.Equal("—", TaskCountCell(await _operator.GetStringAsync("/workers")));

        Assert.All(NodeRunningCells(await _admin.GetStringAsync("/queues")), c => Assert.Matches("^[0-9]+$", c));
        var hidden = NodeRunningCells(await _operator.GetStringAsync("/queues"));
        Assert.NotEmpty(hidden);
        Assert.All(hidden, c => Assert.Equal("—", c));

        Assert.Contains($"/tasks/{_lastTaskId}\"", await _admin.GetStringAsync("/tasks/schedules"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/tasks/{_lastTaskId}\"", await _operator.GetStringAsync("/tasks/schedules"), StringComparison.Ordinal);
    }

    private static JsonElement Worker(JsonElement list, string identifier) =>
        list.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("identifier").GetString() == identifier);

    private static JsonElement Schedule(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("worker").GetString() == "demo-sync");

    private static string TaskCountCell(string html)
    {
        var row = html[html.IndexOf("<tr data-worker=\"sleep\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        return WebUtility.HtmlDecode(TaskCountCellPattern().Match(row).Groups[1].Value);
    }

    private static List<string> NodeRunningCells(string html) =>
        [.. NodeRunningPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<td data-task-count>(?:<a [^>]*>)?([^<]*)")]
    private static partial Regex TaskCountCellPattern();

    [GeneratedRegex("<td data-node-running>([^<]*)</td>")]
    private static partial Regex NodeRunningPattern();
}
