using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>Answers an operator read wrong before (issue 10, "Wrong answers"): queues, cleanup counts, orphaned workers, attempts, parent retry.</summary>
public sealed class OperatorAnswerApiTests : IAsyncLifetime
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
    public async Task Queues_QueueWithoutAPerNodeLimit_ShowsTheSharedLimitOfTheNodesThatRunIt()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", queue = "emails", data = new { seconds = 0 } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        var queues = await Eventually.ValueAsync(
            () => _admin.GetFromJsonAsync<JsonElement>("/api/queues"),
            q => q.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("name").GetString() == "emails" && i.GetProperty("nodes").GetArrayLength() > 0),
            ApiHost.Timeout, "the node to show for the emails queue");
        var emails = queues.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "emails");
        var node = (await _admin.GetFromJsonAsync<JsonElement>("/api/nodes")).GetProperty("items")[0];
        Assert.Equal(node.GetProperty("concurrency").GetInt32(), emails.GetProperty("concurrency").GetInt32());
        Assert.True(emails.GetProperty("concurrency").GetInt32() > 0);
    }

    [Fact]
    public async Task Cleanup_FileLogBackend_CountsTheLinesOfTheDeletedFiles()
    {
        (await _admin.PutAsJsonAsync("/api/system/task-settings", new { task_log_storage_backend = "file" })).EnsureSuccessStatusCode();
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "log", data = new { message = "to the file" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        var lines = (await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs")).GetProperty("items").GetArrayLength();
        Assert.True(lines > 0);
        await _host.Services.GetRequiredServiceOf<LogArchiver>().ArchiveOnceAsync(CancellationToken.None);
        Assert.Empty(await _host.Store.GetLogsAsync(id, 0, 100, CancellationToken.None));

        var cleanup = await _admin.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = 0 });
        var result = await cleanup.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, result.GetProperty("tasks").GetInt32());
        Assert.Equal(lines, result.GetProperty("log_lines").GetInt32());
    }

    [Fact]
    public async Task CleanOrphaned_WorkerWithASchedule_RemovesTheSchedule()
    {
        var now = DateTimeOffset.UtcNow;
        await _host.Store.UpsertWorkersAsync([new WorkerRow { Identifier = "gone", Title = "Gone", Actions = ["run"] }], false, now, CancellationToken.None);
        await _host.Store.EnsureScheduleAsync(new ScheduleRow
        {
            Id = "gone", Name = "Gone", Worker = "gone", Action = "run", Spec = """{"kind":"cron","cron":"0 2 * * *"}""", Enabled = true, NextRunAt = now, UpdatedAt = now,
        }, CancellationToken.None);

        var cleaned = await _admin.PostAsync("/api/workers/clean-orphaned", null);
        Assert.Equal(1, (await cleaned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deleted").GetInt32());

        var schedules = await _admin.GetFromJsonAsync<JsonElement>("/api/task-schedules");
        Assert.DoesNotContain(schedules.GetProperty("items").EnumerateArray(), s => s.GetProperty("worker").GetString() == "gone");
    }

    [Fact]
    public async Task Attempt_AfterManualRetry_ShowsTheAttemptAndThisRoundsBudget()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "fail", data = new { } });
        await ApiHost.WaitForStatusAsync(_admin, id, "failed");
        (await _admin.PostAsync($"/api/tasks/{id}/retry", null)).EnsureSuccessStatusCode();
        var task = await ApiHost.WaitForAsync(_admin, id, t => t.GetProperty("status").GetString() == "failed" && t.GetProperty("attempt").GetInt32() == 2);

        Assert.Equal(1, task.GetProperty("max_attempts").GetInt32());
        Assert.Equal(1, task.GetProperty("round_attempt").GetInt32());
        var listed = (await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks?id={id}")).GetProperty("items")[0];
        Assert.Equal(1, listed.GetProperty("round_attempt").GetInt32());

        var page = await _admin.GetStringAsync($"/tasks/{id}");
        Assert.Contains("2 (1 of 1 this round)", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">2/1<", page, StringComparison.Ordinal);
        var list = await _admin.GetStringAsync("/tasks");
        Assert.Contains("2 (1 of 1 this round)", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_ParentThatFailedInItsSubtasks_Returns409NamingTheFailedStep()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "failed");
        var subtasks = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/subtasks");
        var failed = subtasks.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("status").GetString() == "failed");

        var problem = await ProblemAssert.IsAsync(_admin.PostAsync($"/api/tasks/{id}/retry", null), HttpStatusCode.Conflict);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"/api/subtasks/{failed.GetProperty("id").GetInt64()}/retry", detail, StringComparison.Ordinal);
        Assert.Equal("failed", (await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}")).GetProperty("status").GetString());
    }
}
