using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tasklane.Tests.Api;

public sealed class SubtaskApiTests : IAsyncLifetime
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

    private static async Task<JsonElement[]> SubtasksAsync(HttpClient client, long id) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/subtasks")).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Pipeline_FailedStepRetriedOverTheApi_CompletesTheParent()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { fail_step = "publish" } });
        var failed = await ApiHost.WaitForStatusAsync(_admin, id, "failed");

        var steps = await SubtasksAsync(_admin, id);
        Assert.Equal(["fetch", "transform-a", "transform-b", "publish"], steps.Select(s => s.GetProperty("name").GetString()));
        var publish = steps.Single(s => s.GetProperty("name").GetString() == "publish");
        Assert.Equal("failed", publish.GetProperty("status").GetString());
        Assert.Equal(503, publish.GetProperty("response_code").GetInt32());
        Assert.Equal(2, publish.GetProperty("depends_on").GetArrayLength());
        Assert.Equal(id, publish.GetProperty("task_id").GetInt64());
        Assert.Equal(3, failed.GetProperty("subtask_counts").GetProperty("completed").GetInt32());
        Assert.Equal(4, failed.GetProperty("subtask_counts").GetProperty("total").GetInt32());

        var retry = await _admin.PostAsync($"/api/subtasks/{publish.GetProperty("id").GetInt64()}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");
        var one = await _admin.GetFromJsonAsync<JsonElement>($"/api/subtasks/{publish.GetProperty("id").GetInt64()}");
        Assert.Equal(("completed", 2), (one.GetProperty("status").GetString(), one.GetProperty("attempt").GetInt32()));
        await ProblemAssert.IsAsync(_admin.PostAsync($"/api/subtasks/{publish.GetProperty("id").GetInt64()}/retry", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Subtasks_AreLeftOutOfTheTaskListButFoundByTheirObject()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { } });
        await ApiHost.WaitForStatusAsync(_admin, id, "completed");

        var list = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks");
        var byObject = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks?object_type=pipeline&object_id={id}");

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(4, byObject.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task OtherUsersSubtasks_Are404_AndNonSubtasksToo()
    {
        using var alice = await _host.UserAsync("alice", "operator");
        using var bob = await _host.UserAsync("bob", "operator");
        var id = await ApiHost.CreateTaskAsync(alice, new { worker = "demo", action = "pipeline", data = new { fail_step = "fetch" } });
        await ApiHost.WaitForStatusAsync(alice, id, "failed");
        var fetch = (await SubtasksAsync(alice, id)).Single(s => s.GetProperty("name").GetString() == "fetch").GetProperty("id").GetInt64();

        await ProblemAssert.IsAsync(bob.GetAsync($"/api/tasks/{id}/subtasks"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(bob.GetAsync($"/api/subtasks/{fetch}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(bob.PostAsync($"/api/subtasks/{fetch}/retry", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(alice.GetAsync($"/api/subtasks/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(alice.GetAsync("/api/subtasks/abc"), HttpStatusCode.BadRequest, "id");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/subtasks/{fetch}")).StatusCode);
    }

    [Fact]
    public async Task RetryOutsideTheWindow_Is409()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { fail_step = "fetch" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "failed");
        var fetch = (await SubtasksAsync(_admin, id)).Single(s => s.GetProperty("name").GetString() == "fetch").GetProperty("id").GetInt64();
        var settings = await _admin.GetFromJsonAsync<JsonElement>("/api/system/task-settings");
        Assert.Equal(24, settings.GetProperty("subtask_retry_window_hours").GetInt32());
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_host.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tasks SET ended_at = ended_at - 25 * 3600 * 1000 WHERE id = $id";
            command.Parameters.AddWithValue("$id", fetch);
            await command.ExecuteNonQueryAsync();
        }

        var problem = await ProblemAssert.IsAsync(_admin.PostAsync($"/api/subtasks/{fetch}/retry", null), HttpStatusCode.Conflict);

        Assert.Contains("retry window", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRetryRoute_OnASubtask_Is409PointingToTheSubtaskRoute()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { fail_step = "fetch" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "failed");
        var fetch = (await SubtasksAsync(_admin, id)).Single(s => s.GetProperty("name").GetString() == "fetch").GetProperty("id").GetInt64();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_host.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tasks SET ended_at = ended_at - 25 * 3600 * 1000 WHERE id = $id";
            command.Parameters.AddWithValue("$id", fetch);
            await command.ExecuteNonQueryAsync();
        }

        // Outside the subtask retry window, and for a caller without subtask:retry alike, the task route refuses.
        var problem = await ProblemAssert.IsAsync(_admin.PostAsync($"/api/tasks/{fetch}/retry", null), HttpStatusCode.Conflict);

        Assert.Contains($"/api/subtasks/{fetch}/retry", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", (await _admin.GetFromJsonAsync<JsonElement>($"/api/subtasks/{fetch}")).GetProperty("status").GetString());
        await ProblemAssert.IsAsync(_admin.PostAsync($"/api/subtasks/{fetch}/retry", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Delete_Subtask_Is409SayingToDeleteTheParent()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "demo", action = "pipeline", data = new { fail_step = "fetch" } });
        await ApiHost.WaitForStatusAsync(_admin, id, "failed");
        var fetch = (await SubtasksAsync(_admin, id)).Single(s => s.GetProperty("name").GetString() == "fetch").GetProperty("id").GetInt64();

        var problem = await ProblemAssert.IsAsync(_admin.DeleteAsync($"/api/tasks/{fetch}"), HttpStatusCode.Conflict);

        Assert.Contains("delete the parent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/tasks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Viewer_CanSeeButNotRetrySubtasks()
    {
        using var viewer = await _host.UserAsync("vic", "viewer");

        await ProblemAssert.IsAsync(viewer.PostAsync("/api/subtasks/1/retry", null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(_host.Anonymous().GetAsync("/api/subtasks/1"), HttpStatusCode.Unauthorized);
    }
}
