using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class TaskApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(o => o.MaxRequestBodyBytes = 4096);
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Create_Valid_Returns201WithCreatorIpAndLocation()
    {
        var response = await _admin.PostAsJsonAsync("/api/tasks", new { worker = "sleep", action = "nap", data = new { seconds = 0 }, priority = "high", object_type = "vm", object_id = "42" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = task.GetProperty("id").GetInt64();
        Assert.EndsWith($"/api/tasks/{id}", response.Headers.Location!.ToString());
        Assert.Equal("admin", task.GetProperty("created_by").GetProperty("username").GetString());
        Assert.Equal(ApiHost.ClientIp, task.GetProperty("ip_address").GetString());
        Assert.Equal("high", task.GetProperty("priority").GetString());
        Assert.Equal("user", task.GetProperty("category").GetString());
        Assert.Equal(0, task.GetProperty("data").GetProperty("seconds").GetInt32());
        Assert.Equal(JsonValueKind.Object, task.GetProperty("subtask_counts").ValueKind);
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
    }

    [Fact]
    public async Task Create_SameIdempotencyKey_Returns201Then200WithSameTask()
    {
        var body = new { worker = "sleep", action = "nap", data = new { seconds = 0 }, idempotency_key = "once" };
        var first = await _admin.PostAsJsonAsync("/api/tasks", body);
        var second = await _admin.PostAsJsonAsync("/api/tasks", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var b = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("{\"worker\":", HttpStatusCode.BadRequest, null)]
    [InlineData("{\"worker\":\"nope\",\"action\":\"nap\"}", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("{\"worker\":\"sleep\",\"action\":\"nope\"}", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("{\"worker\":\"sleep\",\"action\":\"nap\",\"data\":{\"seconds\":1},\"priority\":\"urgent\"}", HttpStatusCode.BadRequest, "priority")]
    [InlineData("{\"worker\":\"sleep\",\"action\":\"nap\",\"data\":{\"seconds\":\"soon\"}}", HttpStatusCode.BadRequest, "data.seconds")]
    [InlineData("{\"worker\":\"sleep\",\"action\":\"nap\",\"data\":{\"seconds\":1},\"max_attempts\":\"x\"}", HttpStatusCode.BadRequest, "max_attempts")]
    [InlineData("{\"worker\":\"sleep\",\"action\":\"nap\",\"data\":{\"seconds\":1},\"max_attempts\":0}", HttpStatusCode.BadRequest, "max_attempts")]
    [InlineData("{\"action\":\"nap\"}", HttpStatusCode.BadRequest, "worker")]
    [InlineData("[1,2]", HttpStatusCode.BadRequest, null)]
    public async Task Create_BadInput_ReturnsProblem(string json, HttpStatusCode status, string? field)
    {
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/tasks", Json(json)), status, field);
    }

    [Fact]
    public async Task Create_OversizedBody_Returns413()
    {
        var json = "{\"worker\":\"sleep\",\"action\":\"log\",\"data\":{\"message\":\"" + new string('x', 10_000) + "\"}}";
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/tasks", Json(json)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/tasks/abc", "id")]
    [InlineData("/api/tasks/abc/logs", "id")]
    [InlineData("/api/tasks?current=0", "current")]
    [InlineData("/api/tasks?page_size=x", "page_size")]
    [InlineData("/api/tasks?status=sleeping", "status")]
    [InlineData("/api/tasks?from=yesterday", "from")]
    [InlineData("/api/tasks/1/logs?after=-1", "after")]
    public async Task Get_BadQueryOrId_Returns400NamingTheField(string path, string field)
    {
        await ProblemAssert.IsAsync(_admin.GetAsync(path), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Get_MissingTask_Returns404Problem()
    {
        await ProblemAssert.IsAsync(_admin.GetAsync("/api/tasks/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FiltersAndPaging_Work()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "log", data = new { message = $"hello {i}" } }));
        }
        var failing = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "fail" });
        await ApiHost.WaitForStatusAsync(_admin, failing, "failed");
        foreach (var id in ids) await ApiHost.WaitForStatusAsync(_admin, id, "completed");

        var page = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?page_size=2&current=1");
        Assert.Equal(4, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(failing, page.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(2, page.GetProperty("page_size").GetInt32());

        var capped = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?page_size=5000");
        Assert.Equal(200, capped.GetProperty("page_size").GetInt32());

        var failed = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?status=failed");
        Assert.Equal(failing, Assert.Single(failed.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(4, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?worker=sleep")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?worker=other")).GetProperty("total").GetInt64());
        Assert.Equal(4, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?user=adm")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?user=zed")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?search=fail")).GetProperty("total").GetInt64());
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.Equal(4, (await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks?from={from}&to={to}")).GetProperty("total").GetInt64());
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks?from={future}")).GetProperty("total").GetInt64());

        var failedTasks = await _admin.GetFromJsonAsync<JsonElement>("/api/failed-tasks");
        var item = Assert.Single(failedTasks.GetProperty("items").EnumerateArray());
        Assert.Equal("boom", item.GetProperty("error").GetString());
        Assert.Equal("sqlite", item.GetProperty("store").GetString());
        Assert.Contains("InvalidOperationException", item.GetProperty("stack_trace").GetString() ?? "", StringComparison.Ordinal);
        Assert.Equal((1, 1), (failedTasks.GetProperty("total").GetInt64(), failedTasks.GetProperty("current").GetInt32())); // paged like tasks, as docs/api.md says
        Assert.True(failedTasks.GetProperty("page_size").GetInt32() > 0);

        var userTasks = await _admin.GetFromJsonAsync<JsonElement>("/api/user-tasks");
        Assert.Equal(4, userTasks.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task DetailStatusAndLogs_ShowTheRun()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "log", data = new { message = "line one" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");

        var status = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/status");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(status.TryGetProperty("task_data", out _));

        var logs = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs");
        var items = logs.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, l => l.GetProperty("message").GetString() == "line one");
        var lastSeq = logs.GetProperty("last_seq").GetInt64();
        Assert.Equal(items[^1].GetProperty("seq").GetInt64(), lastSeq);

        var after = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs?after={items[0].GetProperty("seq").GetInt64()}");
        Assert.Equal(items.Count - 1, after.GetProperty("items").GetArrayLength());
        var none = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs?after={lastSeq}");
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        Assert.Equal(lastSeq, none.GetProperty("last_seq").GetInt64());
    }

    [Fact]
    public async Task Export_HtmlEncodesUserText_AndTextFormatEscapesNewlines()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "log", data = new { message = "<script>alert(1)</script>\nsecond" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");

        var html = await _admin.GetAsync($"/api/tasks/{id}/logs/export");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"task-{id}-log.html", html.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var page = await html.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);

        var text = await (await _admin.GetAsync($"/api/tasks/{id}/logs/export?format=text")).Content.ReadAsStringAsync();
        var line = Assert.Single(text.Split('\n'), l => l.Contains("<script>", StringComparison.Ordinal));
        Assert.EndsWith("|<script>alert(1)</script>\\nsecond", line);
        Assert.Equal(7, line.Split('|').Length);

        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{id}/logs/export?format=pdf"), HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task Export_TextFormat_IsOneLinePerEntryWithoutAHeader()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "hello" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        var entries = await _host.Store.GetLogsAsync(id, 0, 1000, CancellationToken.None);

        var text = await (await _admin.GetAsync($"/api/tasks/{id}/logs/export?format=text")).Content.ReadAsStringAsync();

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(entries.Count, lines.Length);
        Assert.All(lines, l => Assert.Equal(7, l.Split('|').Length));
        Assert.All(lines, l => Assert.True(DateTimeOffset.TryParse(l.Split('|')[0], CultureInfo.InvariantCulture, out _), $"not an entry: {l}"));
        Assert.Contains(lines, l => l.EndsWith("|hello", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Artifact_NoneSaved_Returns404()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{id}/artifact"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_StreamStatusUntilTheTaskEnds()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 1 } });
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);
        using var response = await _admin.GetAsync($"/api/tasks/{id}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.Contains("event: status", body, StringComparison.Ordinal);
        Assert.Contains("event: log", body, StringComparison.Ordinal);
        Assert.Contains("event: progress", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"completed\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_After_StreamsOnlyLaterLogLines()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "hello" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        var entries = await _host.Store.GetLogsAsync(id, 0, 1000, CancellationToken.None);
        Assert.True(entries.Count >= 2, "the test needs at least two log lines");
        var after = entries[0].Seq;

        Assert.Equal(entries.Skip(1).Select(e => e.Seq), await StreamedSeqsAsync($"/api/tasks/{id}/events?after={after}", null));
        // A reconnect's Last-Event-ID, later than the page's after=, wins.
        Assert.Equal(entries.Skip(2).Select(e => e.Seq), await StreamedSeqsAsync($"/api/tasks/{id}/events?after={after}", entries[1].Seq));
        Assert.Equal(entries.Select(e => e.Seq), await StreamedSeqsAsync($"/api/tasks/{id}/events", null));
    }

    [Fact]
    public async Task Events_AfterNotANumber_Returns400()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{id}/events?after=x"), HttpStatusCode.BadRequest);
    }

    private async Task<long[]> StreamedSeqsAsync(string url, long? lastEventId)
    {
        using var timeout = new CancellationTokenSource(ApiHost.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is { } last) request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
        using var response = await _admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return body.Split('\n')
            .Where(l => l.StartsWith("id: ", StringComparison.Ordinal))
            .Select(l => long.Parse(l["id: ".Length..], CultureInfo.InvariantCulture))
            .ToArray();
    }
}
