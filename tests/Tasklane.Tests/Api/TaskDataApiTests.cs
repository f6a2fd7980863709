using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>Tags, links, clone, run history, search over data and error, stack trace, failed retention and the status poll, through the real HTTP pipeline on SQLite.</summary>
public sealed class SqliteTaskDataApiTests : TaskDataApiTests
{
    protected override Func<string, ITaskStore>? Store => null;
}

/// <summary>The same on PostgreSQL (each host on a fresh schema).</summary>
public sealed class PostgreSqlTaskDataApiTests : TaskDataApiTests
{
    private readonly PostgreSqlTestDatabases _databases = new();

    protected override Func<string, ITaskStore>? Store => _ => _databases.Open(_databases.NewSchema());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _databases.DisposeAsync();
    }
}

public abstract class TaskDataApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    /// <summary>The store of a host (null: the default SQLite file).</summary>
    protected abstract Func<string, ITaskStore>? Store { get; }

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(store: Store);
        _admin = await _host.AdminAsync();
    }

    public virtual async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(2);

    /// <summary>A task due later (it stays pending), with the extra members of <paramref name="extra"/>.</summary>
    private static Dictionary<string, object?> Pending(object? data = null, params (string Name, object? Value)[] extra)
    {
        var body = new Dictionary<string, object?>
        {
            ["worker"] = "demo", ["action"] = "echo", ["data"] = data ?? new { message = "hello" }, ["run_at"] = Later,
        };
        foreach (var (name, value) in extra) body[name] = value;
        return body;
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private async Task<long[]> IdsAsync(string query) =>
        [.. (await GetAsync("/api/tasks?page_size=200&" + query)).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).Order()];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static (string? Type, string? Id)[] Links(JsonElement task) =>
        [.. task.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("type").GetString(), l.GetProperty("id").GetString()))];

    [Fact]
    public async Task Tags_OnCreateAndBatch_ShownAndFiltered_SeveralTagsMeanAll()
    {
        var both = await ApiHost.CreateTaskAsync(_admin, Pending(null, ("tags", new[] { "nightly", "vip" })));
        var one = await ApiHost.CreateTaskAsync(_admin, Pending(null, ("tags", new[] { "nightly", "nightly" })));
        await ApiHost.CreateTaskAsync(_admin, Pending());
        var batch = await _admin.PostAsJsonAsync("/api/tasks/batch", new { tasks = new[] { Pending(null, ("tags", new[] { "vip" })) } });
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        var batched = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];

        Assert.Equal(["nightly", "vip"], Strings((await GetAsync($"/api/tasks/{both}")).GetProperty("tags")));
        Assert.Equal(["nightly"], Strings((await GetAsync($"/api/tasks/{one}")).GetProperty("tags")));
        Assert.Equal(["vip"], Strings(batched.GetProperty("tags")));
        Assert.Equal([both, one], await IdsAsync("tag=nightly"));
        Assert.Equal([both, batched.GetProperty("id").GetInt64()], await IdsAsync("tag=vip"));
        Assert.Equal([both], await IdsAsync("tag=nightly&tag=vip"));
        Assert.Empty(await IdsAsync("tag=nightly&tag=absent"));
        var listed = (await GetAsync("/api/tasks?tag=vip&tag=nightly")).GetProperty("items")[0];
        Assert.Equal(["nightly", "vip"], Strings(listed.GetProperty("tags")));
    }

    [Fact]
    public async Task Tags_TooManyOrTooLong_RefusedNamingTheField()
    {
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks", Pending(null, ("tags", Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray()))),
            HttpStatusCode.BadRequest, "tags");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks", Pending(null, ("tags", new[] { "ok", new string('x', 65) }))),
            HttpStatusCode.BadRequest, "tags[1]");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks", Pending(null, ("tags", new[] { " padded" }))), HttpStatusCode.BadRequest, "tags[0]");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks/batch", new { tasks = new[] { Pending(), Pending(null, ("tags", new[] { "" })) } }),
            HttpStatusCode.BadRequest, "tasks[1].tags[0]");
        Assert.Equal(0, (await GetAsync("/api/tasks")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Links_ObjectIsTheFirstLink_AndTheObjectFiltersMatchAnyLink()
    {
        var withObject = await ApiHost.CreateTaskAsync(_admin, Pending(null, ("object_type", "vm"), ("object_id", "1"),
            ("links", new[] { new { type = "event", id = "7" } })));
        var linksOnly = await ApiHost.CreateTaskAsync(_admin, Pending(null, ("links", new[] { new { type = "vm", id = "2" }, new { type = "event", id = "7" } })));
        await ApiHost.CreateTaskAsync(_admin, Pending());

        var first = await GetAsync($"/api/tasks/{withObject}");
        Assert.Equal([("vm", "1"), ("event", "7")], Links(first));
        var second = await GetAsync($"/api/tasks/{linksOnly}");
        Assert.Equal("vm", second.GetProperty("object_type").GetString());
        Assert.Equal("2", second.GetProperty("object_id").GetString());
        Assert.Equal([("vm", "2"), ("event", "7")], Links(second));

        Assert.Equal([withObject, linksOnly], await IdsAsync("object_type=event&object_id=7"));
        Assert.Equal([linksOnly], await IdsAsync("object_type=vm&object_id=2"));
        Assert.Equal([withObject, linksOnly], await IdsAsync("object_type=vm"));
        Assert.Equal([withObject, linksOnly], await IdsAsync("object_id=7"));
        // Type and id must be one link: vm 7 is no link of either.
        Assert.Empty(await IdsAsync("object_type=vm&object_id=7"));

        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks", Pending(null, ("links", new[] { new { type = "vm" } }))), HttpStatusCode.BadRequest, "links[0]");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks", Pending(null, ("links", new[] { new { type = "vm", id = "" } }))), HttpStatusCode.BadRequest, "links[0].id");
    }

    [Fact]
    public async Task Clone_ReplacesTheGivenFields_KeepsTheRest_AndIsAudited()
    {
        var source = await ApiHost.CreateTaskAsync(_admin, Pending(new { message = "first" }, ("queue", "imports"), ("priority", "low"),
            ("tags", new[] { "nightly" }), ("object_type", "vm"), ("object_id", "1"), ("links", new[] { new { type = "event", id = "7" } })));
        var runAt = DateTimeOffset.UtcNow.AddDays(1);

        var response = await _admin.PostAsJsonAsync($"/api/tasks/{source}/clone", new { data = new { message = "second" }, priority = "high", run_at = runAt });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var clone = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = clone.GetProperty("id").GetInt64();
        Assert.NotEqual(source, id);
        Assert.EndsWith($"/api/tasks/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(source, clone.GetProperty("cloned_from").GetInt64());
        Assert.Equal("demo", clone.GetProperty("worker").GetString());
        Assert.Equal("echo", clone.GetProperty("action").GetString());
        Assert.Equal("second", clone.GetProperty("data").GetProperty("message").GetString());
        Assert.Equal("high", clone.GetProperty("priority").GetString());
        Assert.Equal("imports", clone.GetProperty("queue").GetString());
        Assert.Equal("pending", clone.GetProperty("status").GetString());
        Assert.Equal(runAt.ToUnixTimeSeconds(), clone.GetProperty("run_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(["nightly"], Strings(clone.GetProperty("tags")));
        Assert.Equal([("vm", "1"), ("event", "7")], Links(clone));
        Assert.Equal("admin", clone.GetProperty("created_by").GetProperty("username").GetString());

        // No body: an exact copy, due now.
        var copy = await (await _admin.PostAsync($"/api/tasks/{source}/clone", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("first", copy.GetProperty("data").GetProperty("message").GetString());
        Assert.Equal("low", copy.GetProperty("priority").GetString());
        Assert.True(copy.GetProperty("run_at").GetDateTimeOffset() < Later.AddMinutes(-60));

        var audit = (await GetAsync("/api/audit?action=task.clone")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal(source.ToString(System.Globalization.CultureInfo.InvariantCulture), e.GetProperty("target_id").GetString()));
        Assert.Contains(audit, e => e.GetProperty("details").GetProperty("task_id").GetInt64() == id);
    }

    [Fact]
    public async Task Clone_BadDataOrQueue_RefusedAsOnCreate_AndNothingIsCreatedOrAudited()
    {
        var source = await ApiHost.CreateTaskAsync(_admin, Pending());

        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync($"/api/tasks/{source}/clone", new { data = new { message = 5 } }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync($"/api/tasks/{source}/clone", new { data = new { } }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync($"/api/tasks/{source}/clone", new { queue = "Bad Queue" }), HttpStatusCode.BadRequest, "queue");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks/999999/clone", new { }), HttpStatusCode.NotFound);

        Assert.Equal(1, (await GetAsync("/api/tasks")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await GetAsync("/api/audit?action=task.clone")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Clone_AnotherUsersTask_IsNotFound_AndAViewerMayNotClone()
    {
        var admins = await ApiHost.CreateTaskAsync(_admin, Pending());
        using var operatorClient = await _host.UserAsync("olga", "operator");
        using var viewer = await _host.UserAsync("vera", "viewer");
        var own = await ApiHost.CreateTaskAsync(operatorClient, Pending());

        await ProblemAssert.IsAsync(operatorClient.PostAsJsonAsync($"/api/tasks/{admins}/clone", new { }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await operatorClient.PostAsJsonAsync($"/api/tasks/{own}/clone", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/tasks/{admins}/clone", new { })).StatusCode);
    }

    [Fact]
    public async Task ScheduleId_FiltersTheSchedulesRunHistory()
    {
        var fired = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            var response = await _admin.PostAsync("/api/task-schedules/demo-sync/trigger", null);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            fired.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        await ApiHost.CreateTaskAsync(_admin, Pending());

        Assert.Equal(fired.Order(), await IdsAsync("schedule_id=demo-sync"));
        Assert.Empty(await IdsAsync("schedule_id=absent"));
        Assert.Equal("demo-sync", (await GetAsync($"/api/tasks/{fired[0]}")).GetProperty("schedule_id").GetString());
    }

    [Fact]
    public async Task Search_MatchesTheDataAndTheErrorText()
    {
        var inData = await ApiHost.CreateTaskAsync(_admin, Pending(new { message = "invoice-Q7731.csv" }));
        await ApiHost.CreateTaskAsync(_admin, Pending(new { message = "other" }));
        var failed = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "fail", data = new { message = "Disk quota ZX9 exceeded" } });
        await ApiHost.WaitForStatusAsync(_admin, failed, "failed");

        Assert.Equal([inData], await IdsAsync("search=q7731"));
        Assert.Equal([failed], await IdsAsync("search=quota%20zx9"));
        // The failed task's data holds the same words: the error is found on its own in a task whose data differs.
        var erred = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "fail" });
        await ApiHost.WaitForStatusAsync(_admin, erred, "failed");
        Assert.Equal([erred], await IdsAsync("search=boom"));
        // Short searches (no trigram index) match the data too.
        Assert.Contains(inData, await IdsAsync("search=Q7"));
        Assert.Equal([inData], await IdsAsync("search=q7731&worker=demo&status=pending"));
    }

    [Fact]
    public async Task Detail_OfAFailedTask_HasTheFullStackTrace()
    {
        var failed = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "fail" });
        var task = await ApiHost.WaitForStatusAsync(_admin, failed, "failed");

        var trace = task.GetProperty("stack_trace").GetString()!;
        Assert.StartsWith("System.InvalidOperationException: boom", trace, StringComparison.Ordinal);
        Assert.Contains("SleepWorker", trace, StringComparison.Ordinal);
        Assert.Equal("boom", task.GetProperty("error").GetString());
        var pending = await GetAsync($"/api/tasks/{await ApiHost.CreateTaskAsync(_admin, Pending())}");
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("stack_trace").ValueKind);
    }

    [Fact]
    public async Task Status_TaskData_IsTheFullTaskAsTheDetailAnswers()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, Pending(new { message = "poll me" }, ("tags", new[] { "t1" })));

        var status = await GetAsync($"/api/tasks/{id}/status");
        var detail = await GetAsync($"/api/tasks/{id}");

        Assert.Equal("pending", status.GetProperty("status").GetString());
        var data = status.GetProperty("task_data");
        Assert.Equal(id, data.GetProperty("id").GetInt64());
        Assert.Equal("poll me", data.GetProperty("data").GetProperty("message").GetString());
        Assert.Equal(detail.EnumerateObject().Select(p => p.Name).Order(), data.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(detail.GetProperty("tags").GetRawText(), data.GetProperty("tags").GetRawText());
        Assert.Equal(detail.GetProperty("created_by").GetRawText(), data.GetProperty("created_by").GetRawText());
    }

    [Fact]
    public async Task FailedRetentionDays_Setting_DefaultsTo90_AndIsValidated()
    {
        Assert.Equal(90, (await GetAsync("/api/system/task-settings")).GetProperty("failed_retention_days").GetInt32());
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/system/task-settings", new { failed_retention_days = 0 }), HttpStatusCode.BadRequest, "failed_retention_days");
        var put = await _admin.PutAsJsonAsync("/api/system/task-settings", new { failed_retention_days = 14 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(14, (await GetAsync("/api/system/task-settings")).GetProperty("failed_retention_days").GetInt32());
    }

    [Fact]
    public async Task Retention_RemovesFailedAndCancelledTasksAfterFailedRetentionDays()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ApiHost.StartAsync(store: Store, host: (s, _) => s.AddSingleton<TimeProvider>(time),
            tasklane: b => b.Configure(o => o.RetentionInterval = TimeSpan.FromDays(3650)));
        using var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/system/task-settings", new { failed_retention_days = 10, retention_days = 30 })).StatusCode);
        var failed = await ApiHost.CreateTaskAsync(admin, new { worker = "sleep", action = "fail" });
        var cancelled = await ApiHost.CreateTaskAsync(admin, Pending());
        var completed = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "echo", data = new { message = "done" } });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tasks/{cancelled}/cancel", null)).StatusCode);
        await ApiHost.WaitForStatusAsync(admin, failed, "failed");
        await ApiHost.WaitForStatusAsync(admin, completed, "completed");
        time.Advance(TimeSpan.FromDays(9));
        // A session of the moved clock (the first one's token has run out).
        using var later = await host.AdminAsync();
        var recentFailure = await ApiHost.CreateTaskAsync(later, new { worker = "sleep", action = "fail", tags = new[] { "kept" } });
        await ApiHost.WaitForStatusAsync(later, recentFailure, "failed");
        time.Advance(TimeSpan.FromDays(2));

        var result = await host.Services.GetRequiredService<Retention>().CleanOnceAsync(CancellationToken.None);

        Assert.Equal(2, result.Tasks);
        Assert.Null(await host.Store.GetTaskAsync(failed, CancellationToken.None));
        Assert.Null(await host.Store.GetTaskAsync(cancelled, CancellationToken.None));
        Assert.Empty(await host.Store.GetLogsAsync(failed, 0, 10, CancellationToken.None));
        Assert.NotNull(await host.Store.GetTaskAsync(recentFailure, CancellationToken.None));
        Assert.NotNull(await host.Store.GetTaskAsync(completed, CancellationToken.None));
        // The manual cleanup keeps removing completed tasks only.
        var manual = await host.Services.GetRequiredService<ITaskClient>().CleanupAsync(0);
        Assert.Equal(1, manual.Tasks);
        Assert.NotNull(await host.Store.GetTaskAsync(recentFailure, CancellationToken.None));
        Assert.Equal([recentFailure], (await host.Store.ListTasksAsync(new TaskQuery { Tags = ["kept"] }, CancellationToken.None)).Items.Select(t => t.Id));
    }
}
