using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

public sealed class WorkerApiTests : IAsyncLifetime
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

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> call, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await call;
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ListWorkers_ShowsMetadataTaskCountAndNodes()
    {
        await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "hi" } });

        var body = await JsonAsync(_admin.GetAsync("/api/workers"));

        var demo = body.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("identifier").GetString() == "demo");
        Assert.Equal("Demo", demo.GetProperty("title").GetString());
        Assert.Equal("samples", demo.GetProperty("scope").GetString());
        Assert.Contains("sleep", demo.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.True(demo.GetProperty("active").GetBoolean());
        Assert.Equal(1, demo.GetProperty("task_count").GetInt64());
        Assert.Equal(1, demo.GetProperty("nodes").GetArrayLength());
        Assert.False(demo.GetProperty("orphaned").GetBoolean());
    }

    [Fact]
    public async Task ListWorkers_Demo_ListsExactlyTheDocumentedActionsNotTheSubtaskOnlyStep()
    {
        var body = await JsonAsync(_admin.GetAsync("/api/workers"));

        var demo = body.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("identifier").GetString() == "demo");
        Assert.Equal(["echo", "fail", "flaky", "noop", "pipeline", "report", "sleep"], demo.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task ListWorkers_RowStoredBeforeActionWasSubtaskOnly_StillLeavesItOut()
    {
        await _host.Store.UpsertWorkersAsync([new WorkerRow { Identifier = "demo", Title = "Demo", Actions = ["echo", "step"] }], true, DateTimeOffset.UtcNow, CancellationToken.None);

        var body = await JsonAsync(_admin.GetAsync("/api/workers"));

        var demo = body.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("identifier").GetString() == "demo");
        Assert.Equal(["echo"], demo.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task CreateTask_SubtaskOnlyAction_Gives422WithTheReason()
    {
        var problem = await ProblemAssert.IsAsync(
            _admin.PostAsJsonAsync("/api/tasks", new { worker = "demo", action = "step", data = new { step = "fetch" } }), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("action", problem.GetProperty("field").GetString());
        Assert.Contains("only runs as a subtask", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _host.Store.ListTasksAsync(new TaskQuery(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Settings_ScheduleWithSubtaskOnlyAction_Gives400()
    {
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo/settings",
            new { schedule = new { kind = "cron", cron = "0 * * * *", action = "step", enabled = true } }), HttpStatusCode.BadRequest, "schedule.action");
    }

    [Fact]
    public async Task ConsolePages_Demo_DoNotOfferTheSubtaskOnlyStep()
    {
        var tasks = await _admin.GetStringAsync("/tasks");
        var workers = await _admin.GetStringAsync("/workers");
        var worker = await _admin.GetStringAsync("/workers/demo");

        Assert.Contains("value=\"demo/pipeline\"", tasks, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"demo/step\"", tasks, StringComparison.Ordinal);
        Assert.Contains("echo, fail, flaky, noop, pipeline, report, sleep<", workers, StringComparison.Ordinal);
        Assert.DoesNotContain("pipeline, report, sleep, step", workers, StringComparison.Ordinal);
        Assert.Contains("<option value=\"pipeline\"", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"step\"", worker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTask_InactiveWorkerAndBadData_Gives422NotTheDataError()
    {
        await JsonAsync(_admin.PostAsync("/api/workers/demo/deactivate", null));

        var problem = await ProblemAssert.IsAsync(
            _admin.PostAsJsonAsync("/api/tasks", new { worker = "demo", action = "echo", data = new { message = 42 } }), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("inactive", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverRescanCleanOrphaned_ReturnCounts()
    {
        await _host.Store.UpsertWorkersAsync([new WorkerRow { Identifier = "gone", Title = "Gone" }], false, DateTimeOffset.UtcNow, CancellationToken.None);

        var discovered = await JsonAsync(_admin.PostAsync("/api/workers/discover", null));
        var again = await JsonAsync(_admin.PostAsync("/api/workers/discover", null));
        var rescanned = await JsonAsync(_admin.PostAsync("/api/workers/rescan", null));
        var cleaned = await JsonAsync(_admin.PostAsync("/api/workers/clean-orphaned", null));

        // The test assembly's own workers (not registered by the host) are found once, then known.
        Assert.True(discovered.GetProperty("registered").GetInt32() >= 1);
        Assert.Equal(0, again.GetProperty("registered").GetInt32());
        Assert.Equal(0, rescanned.GetProperty("updated").GetInt32());
        Assert.Equal(1, cleaned.GetProperty("deleted").GetInt32());
    }

    [Fact]
    public async Task Deactivate_Worker_CreateGets422WithTheReason()
    {
        var deactivated = await JsonAsync(_admin.PostAsync("/api/workers/demo/deactivate", null));
        Assert.False(deactivated.GetProperty("active").GetBoolean());

        var problem = await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks", new { worker = "demo", action = "echo", data = new { message = "x" } }), (HttpStatusCode)422);
        Assert.Contains("inactive", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await JsonAsync(_admin.PostAsync("/api/workers/demo/activate", null));
        await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "echo", data = new { message = "x" } });
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/workers/nope/activate", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Settings_SecretMaskedOnEveryRouteAndKeptWhenMaskSentBack()
    {
        const string secret = "api-key-that-must-not-leak";
        await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test", api_key = secret } }));

        var get = await JsonAsync(_admin.GetAsync("/api/workers/demo-sync/settings"));
        var put = await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test/v2", api_key = "********" } }));

        Assert.Equal("********", get.GetProperty("settings").GetProperty("api_key").GetString());
        Assert.Equal("********", put.GetProperty("settings").GetProperty("api_key").GetString());
        Assert.Equal("https://example.test/v2", put.GetProperty("settings").GetProperty("endpoint").GetString());
        var settings = await _host.Services.GetRequiredServiceOf<WorkerCatalog>().ReadSettingsAsync<Tasklane.Samples.DemoSyncSettings>("demo-sync", CancellationToken.None);
        Assert.Equal(secret, settings.ApiKey);
        foreach (var path in new[] { "/api/workers", "/api/workers/demo-sync/settings", "/api/task-schedules" })
        {
            Assert.DoesNotContain(secret, await _admin.GetStringAsync(path), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Settings_FreshServer_ShowsTheDefaultsWithTheirKeysAndAnUnsetSecretAsNull()
    {
        var fresh = await JsonAsync(_admin.GetAsync("/api/workers/demo-sync/settings"));
        var put = await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test" } }));
        var none = await JsonAsync(_admin.GetAsync("/api/workers/demo/settings"));

        Assert.Equal("""{"endpoint":null,"api_key":null}""", fresh.GetProperty("settings").GetRawText());
        Assert.Equal("""{"endpoint":"https://example.test","api_key":null}""", put.GetProperty("settings").GetRawText());
        Assert.Equal("{}", none.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task Settings_ScheduleWithoutEnabled_KeepsTheCurrentEnabledStateAndSpec()
    {
        await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings",
            new { schedule = new { kind = "periodic", period = "daily", at = "06:30", enabled = true } }));

        var edited = await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings",
            new { schedule = new { kind = "periodic", period = "daily", at = "07:45" } }));
        var actionOnly = await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { schedule = new { action = "sync" } }));
        var disabled = await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { schedule = new { enabled = false } }));

        Assert.True(edited.GetProperty("schedule").GetProperty("enabled").GetBoolean());
        Assert.Equal("daily at 07:45", edited.GetProperty("schedule").GetProperty("description").GetString());
        Assert.True(actionOnly.GetProperty("schedule").GetProperty("enabled").GetBoolean());
        Assert.Equal("daily at 07:45", actionOnly.GetProperty("schedule").GetProperty("description").GetString());
        Assert.False(disabled.GetProperty("schedule").GetProperty("enabled").GetBoolean());
        Assert.Equal("daily at 07:45", disabled.GetProperty("schedule").GetProperty("description").GetString());
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { schedule = new { enabled = "yes" } }), HttpStatusCode.BadRequest, "schedule.enabled");
    }

    [Fact]
    public async Task Settings_BadValues_Give400NamingTheField()
    {
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = 42 } }), HttpStatusCode.BadRequest, "settings.endpoint");
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { schedule = new { kind = "cron", cron = "99 * * * *", enabled = true } }), HttpStatusCode.BadRequest, "schedule.cron");
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { schedule = new { kind = "regular", every = 2, unit = "hours", from = "05:00", enabled = true } }), HttpStatusCode.BadRequest, "schedule.from");
        await ProblemAssert.IsAsync(_admin.PutAsync("/api/workers/demo-sync/settings", new StringContent("{\"settings\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsAsync(_admin.GetAsync("/api/workers/nope/settings"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Settings_OnePartBad_SavesNeither()
    {
        await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new
        {
            schedule = new { kind = "periodic", period = "daily", at = "06:30", enabled = true },
            settings = new { endpoint = "https://example.test" },
        }));

        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new
        {
            schedule = new { kind = "periodic", period = "daily", at = "07:45", enabled = false },
            settings = new { endpoint = 42 },
        }), HttpStatusCode.BadRequest, "settings.endpoint");
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new
        {
            schedule = new { kind = "periodic", period = "daily", at = "07:45", enabled = false },
            settings = "nope",
        }), HttpStatusCode.BadRequest, "settings");
        await ProblemAssert.IsAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new
        {
            schedule = new { action = "nope" },
            settings = new { endpoint = "https://example.test/v2" },
        }), HttpStatusCode.BadRequest, "schedule.action");

        var now = await JsonAsync(_admin.GetAsync("/api/workers/demo-sync/settings"));
        Assert.True(now.GetProperty("schedule").GetProperty("enabled").GetBoolean());
        Assert.Equal("daily at 06:30", now.GetProperty("schedule").GetProperty("description").GetString());
        Assert.Equal("https://example.test", now.GetProperty("settings").GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task Settings_ScheduleEdited_ShowsInTheScheduleList()
    {
        var put = await JsonAsync(_admin.PutAsJsonAsync("/api/workers/demo-sync/settings",
            new { schedule = new { kind = "periodic", period = "daily", at = "06:30", enabled = true } }));

        Assert.Equal("daily at 06:30", put.GetProperty("schedule").GetProperty("description").GetString());
        var list = await JsonAsync(_admin.GetAsync("/api/task-schedules"));
        var schedule = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "demo-sync");
        Assert.True(schedule.GetProperty("enabled").GetBoolean());
        Assert.Equal("periodic", schedule.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.String, schedule.GetProperty("next_run_at").ValueKind);
    }

    [Fact]
    public async Task Schedules_ToggleAndTrigger_CreateASystemTask()
    {
        var list = await JsonAsync(_admin.GetAsync("/api/task-schedules"));
        var demo = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "demo-sync");
        Assert.Equal("hourly between 05:00 and 23:00", demo.GetProperty("description").GetString());
        Assert.False(demo.GetProperty("enabled").GetBoolean());

        var toggled = await JsonAsync(_admin.PostAsync("/api/task-schedules/demo-sync/toggle", null));
        var task = await JsonAsync(_admin.PostAsync("/api/task-schedules/demo-sync/trigger", null), HttpStatusCode.Created);

        Assert.True(toggled.GetProperty("enabled").GetBoolean());
        Assert.Equal("system", task.GetProperty("category").GetString());
        Assert.Equal("demo-sync", task.GetProperty("schedule_id").GetString());
        await ApiHost.WaitForStatusAsync(_admin, task.GetProperty("id").GetInt64(), "completed");
        await ProblemAssert.IsAsync(_admin.PostAsync("/api/task-schedules/nope/toggle", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Viewer_WorkerAndScheduleRoutes_AreForbidden()
    {
        using var viewer = await _host.UserAsync("vera", "viewer");

        foreach (var (method, path) in new (HttpMethod, string)[]
        {
            (HttpMethod.Get, "/api/workers"), (HttpMethod.Post, "/api/workers/discover"), (HttpMethod.Post, "/api/workers/rescan"),
            (HttpMethod.Post, "/api/workers/clean-orphaned"), (HttpMethod.Post, "/api/workers/demo/deactivate"),
            (HttpMethod.Get, "/api/workers/demo-sync/settings"), (HttpMethod.Put, "/api/workers/demo-sync/settings"),
            (HttpMethod.Get, "/api/task-schedules"), (HttpMethod.Post, "/api/task-schedules/demo-sync/toggle"),
            (HttpMethod.Post, "/api/task-schedules/demo-sync/trigger"),
        })
        {
            await ProblemAssert.IsAsync(viewer.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) }), HttpStatusCode.Forbidden);
        }
        await ProblemAssert.IsAsync(_host.Anonymous().GetAsync("/api/workers"), HttpStatusCode.Unauthorized);
    }
}
