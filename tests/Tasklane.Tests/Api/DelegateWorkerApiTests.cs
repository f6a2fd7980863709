using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Tasklane.Tests.Api;

/// <summary>A worker made of delegates over HTTP: created, checked, run and listed as a worker class is.</summary>
public sealed class DelegateWorkerApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _admin = null!;

    public sealed record CleanupArgs([property: Range(1, 365)] int OlderThanDays, [property: Required] string Folder);

    /// <summary>The same action as a class, so that the delegate's answers can be compared with a class's.</summary>
    [Worker("class-cleanup", MaxAttempts = 1)]
    public sealed class ClassCleanupWorker : TaskWorker
    {
        [Action("run")]
        public Task RunAsync(TaskContext task, CleanupArgs args, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(tasklane: b => b
            .AddWorker<ClassCleanupWorker>()
            .AddWorker("cleanup", "run", async (TaskContext task, CleanupArgs args, CancellationToken ct) =>
            {
                for (var i = 1; i <= 3; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    await task.ReportAsync(processed: i, total: 3, message: $"file {i} of 3");
                }
                await task.LogAsync($"Removed 3 files older than {args.OlderThanDays} days from {args.Folder}");
            }, new WorkerActionOptions { Title = "Clean-up", Scope = "maintenance", Queue = "chores", MaxAttempts = 1 })
            .AddWorker("cleanup", "explode", (CancellationToken ct) => Task.FromException(new InvalidOperationException("disk on fire")),
                new WorkerActionOptions { MaxAttempts = 1 })
            .AddWorker("cleanup", "step", (TaskContext task) => task.LogAsync("a step").AsTask(), new WorkerActionOptions { SubtaskOnly = true }));
        _admin = await _host.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task CreateTask_GoodData_RunsAndReportsProgressAndLogs()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "cleanup", action = "run", data = new { older_than_days = 7, folder = "tmp" } });

        var task = await ApiHost.WaitForStatusAsync(_admin, id, "completed");

        Assert.Equal("chores", task.GetProperty("queue").GetString());
        Assert.Equal(100, task.GetProperty("progress").GetDouble());
        Assert.Equal(3, task.GetProperty("processed").GetInt64());
        Assert.Equal(3, task.GetProperty("total").GetInt64());
        Assert.Equal("file 3 of 3", task.GetProperty("message").GetString());
        var logs = await _admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs");
        Assert.Contains("Removed 3 files older than 7 days from tmp", logs.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("{\"older_than_days\":\"soon\",\"folder\":\"tmp\"}", "data.older_than_days")]
    [InlineData("{\"older_than_days\":0,\"folder\":\"tmp\"}", "data.older_than_days")]
    [InlineData("{\"older_than_days\":7}", "data")]
    [InlineData("{\"older_than_days\":7,\"folder\":\"tmp\",\"foldr\":\"x\"}", "data.foldr")]
    [InlineData("[1,2]", "data")]
    public async Task CreateTask_BadData_Answers400NamingTheFieldAsForAClass(string data, string field)
    {
        var forDelegate = await ProblemAssert.IsAsync(PostAsync("cleanup", data), HttpStatusCode.BadRequest, field);
        var forClass = await ProblemAssert.IsAsync(PostAsync("class-cleanup", data), HttpStatusCode.BadRequest, field);

        Assert.Equal(forClass.GetProperty("detail").GetString(), forDelegate.GetProperty("detail").GetString());
        var page = await _admin.GetFromJsonAsync<JsonElement>("/api/tasks?worker=cleanup");
        Assert.Equal(0, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task CreateTask_SubtaskOnlyDelegateAction_Answers422()
    {
        var problem = await ProblemAssert.IsAsync(PostAsync("cleanup", "{}", action: "step"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Action 'cleanup/step' only runs as a subtask of another task and cannot be created on its own.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StoredTaskWithBadData_FailsAsForAClass()
    {
        // Data that bypassed the creation check (written by an older version, say) fails the task when it is run.
        var forDelegate = await StoreTaskAsync("cleanup");
        var forClass = await StoreTaskAsync("class-cleanup");

        var failedDelegate = await ApiHost.WaitForStatusAsync(_admin, forDelegate, "failed");
        var failedClass = await ApiHost.WaitForStatusAsync(_admin, forClass, "failed");

        Assert.Contains("data.older_than_days", failedDelegate.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(failedClass.GetProperty("error").GetString(), failedDelegate.GetProperty("error").GetString());
    }

    [Fact]
    public async Task HandlerThrows_TaskFailsWithItsMessage()
    {
        var id = await ApiHost.CreateTaskAsync(_admin, new { worker = "cleanup", action = "explode" });

        var task = await ApiHost.WaitForStatusAsync(_admin, id, "failed");

        Assert.Equal("disk on fire", task.GetProperty("error").GetString());
        Assert.Equal(1, task.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task ListWorkers_ShowsTheDelegateWorkerLikeAClass()
    {
        var body = await _admin.GetFromJsonAsync<JsonElement>("/api/workers");

        var cleanup = body.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("identifier").GetString() == "cleanup");
        Assert.Equal("Clean-up", cleanup.GetProperty("title").GetString());
        Assert.Equal("maintenance", cleanup.GetProperty("scope").GetString());
        Assert.Equal(["explode", "run"], cleanup.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.True(cleanup.GetProperty("active").GetBoolean());
        Assert.Equal(1, cleanup.GetProperty("nodes").GetArrayLength());
        Assert.False(cleanup.GetProperty("orphaned").GetBoolean());
    }

    private Task<HttpResponseMessage> PostAsync(string worker, string data, string action = "run") =>
        _admin.PostAsync("/api/tasks", new StringContent($"{{\"worker\":\"{worker}\",\"action\":\"{action}\",\"data\":{data}}}", Encoding.UTF8, "application/json"));

    private async Task<long> StoreTaskAsync(string worker)
    {
        var now = DateTimeOffset.UtcNow;
        var result = await _host.Store.CreateTaskAsync(new CreateTaskParams
        {
            Worker = worker, Action = "run", Data = "{\"older_than_days\":\"soon\",\"folder\":\"tmp\"}", Queue = "chores",
            MaxAttempts = 1, RunAt = now, Now = now, LogMessage = "Created by test",
        }, CancellationToken.None);
        return result.Task.Id;
    }
}
