using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class TaskActionApiTests : IAsyncLifetime
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

    private static string Later() => DateTimeOffset.UtcNow.AddHours(1).ToString("O");

    [Fact]
    public async Task Cancel_Pending_EndsCancelled()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = Later() });
        var response = await _admin.PostAsync($"/api/tasks/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await ProblemAssert.IsAsync(_admin.PostAsync($"/api/tasks/{id}/cancel", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancel_Running_FiresTheHandlersTokenAndEndsCancelled()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "forever" });
        await ApiHost.WaitForStatusAsync(_admin, id, "running");
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/tasks/{id}/cancel", null)).StatusCode);
        await ApiHost.WaitForStatusAsync(_admin, id, "cancelled");
    }

    [Fact]
    public async Task Retry_Failed_GoesPendingAndRunsAgain()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "fail" });
        await ApiHost.WaitForStatusAsync(_admin, id, "failed");
        await ProblemAssert.IsAsync(_admin.PostAsync($"/api/tasks/{id}/execute", null), HttpStatusCode.Conflict);
        var response = await _admin.PostAsync($"/api/tasks/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await ApiHost.WaitForAsync(_admin, id, t => t.GetProperty("attempt").GetInt32() == 2 && t.GetProperty("status").GetString() == "failed");
    }

    [Fact]
    public async Task Retry_Running_Returns409()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "forever" });
        await ApiHost.WaitForStatusAsync(_admin, id, "running");
        await ProblemAssert.IsAsync(_admin.PostAsync($"/api/tasks/{id}/retry", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsAsync(_admin.DeleteAsync($"/api/tasks/{id}"), HttpStatusCode.Conflict);
        await _admin.PostAsync($"/api/tasks/{id}/cancel", null);
        await ApiHost.WaitForStatusAsync(_admin, id, "cancelled");
    }

    [Fact]
    public async Task Execute_DelayedTask_RunsNow()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = Later() });
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/tasks/{id}/execute", null)).StatusCode);
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
    }

    [Fact]
    public async Task Delete_Finished_AnswersNotFoundAfterwardsAndLeavesLists()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/tasks/{id}")).StatusCode);
        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{id}/logs"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(_admin.DeleteAsync($"/api/tasks/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>("/api/tasks")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ProcessPending_RunsEveryDelayedTask()
    {
        var a = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = Later() });
        var b = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = Later() });
        var response = await _admin.PostAsync("/api/tasks/process-pending", null);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        await ApiHost.WaitForStatusAsync(_admin, a, "completed");
        await ApiHost.WaitForStatusAsync(_admin, b, "completed");
    }

    [Fact]
    public async Task Cleanup_RemovesCompletedTasks_AndRefusesNegativeDays()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        await ProblemAssert.IsAsync(_admin.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = -1 }), HttpStatusCode.BadRequest, "older_than_days");

        var kept = await (await _admin.PostAsync("/api/tasks/cleanup", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, kept.GetProperty("tasks").GetInt32());

        var removed = await (await _admin.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = 0 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, removed.GetProperty("tasks").GetInt32());
        Assert.True(removed.GetProperty("log_lines").GetInt32() > 0);
        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cleanup_ByAnOperator_RemovesOnlyTheirOwnTasks()
    {
        using var alice = await _host.UserAsync("alice", "operator");
        var others = await ApiHost.CreateTaskAsync(_admin, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        var own = await ApiHost.CreateTaskAsync(alice, new { worker = "sleep", action = "nap", data = new { seconds = 0 } });
        await ApiHost.WaitForStatusAsync(_admin, others, "completed");
        await ApiHost.WaitForStatusAsync(alice, own, "completed");

        var removed = await (await alice.PostAsJsonAsync("/api/tasks/cleanup", new { older_than_days = 0 })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(1, removed.GetProperty("tasks").GetInt32());
        await ProblemAssert.IsAsync(_admin.GetAsync($"/api/tasks/{own}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/tasks/{others}")).StatusCode);
    }
}
