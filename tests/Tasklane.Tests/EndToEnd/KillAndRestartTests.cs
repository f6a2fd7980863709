using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

[Collection("Processes")]
public sealed class KillAndRestartTests
{
    [Fact]
    public async Task Serve_KilledMidTask_RestartRescuesAndCompletesIt()
    {
        using var directory = new TempDirectory();
        long id;
        await using (var first = await ServeProcess.StartAsync(directory.DatabasePath))
        {
            await first.SignInAsync();
            var settings = await first.Http.GetFromJsonAsync<JsonObject>("api/system/task-settings");
            settings!["lease_seconds"] = 5;
            (await first.Http.PutAsJsonAsync("api/system/task-settings", settings)).EnsureSuccessStatusCode();
            var created = await first.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "sleep", data = new { seconds = 4, steps = 8 } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            await Eventually.ValueAsync(() => first.GetTaskAsync(id),
                t => (string?)t["status"] == "running" && (double)t["progress"]! > 0, TimeSpan.FromSeconds(20), "the task to make progress");

            first.Kill();
        }

        await using var second = await ServeProcess.StartAsync(directory.DatabasePath);
        await second.SignInAsync();
        var done = await Eventually.ValueAsync(() => second.GetTaskAsync(id),
            t => (string?)t["status"] == "completed", TimeSpan.FromSeconds(45), "the rescued task to complete");

        Assert.Equal(2, (int)done["attempt"]!);
        var logs = await second.Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}/logs");
        var messages = logs!["items"]!.AsArray().Select(l => (string?)l!["message"]).ToList();
        Assert.Contains("Tasklane has lost track of the process", messages);
        Assert.Equal(2, messages.Count(m => m is not null && m.StartsWith("Started attempt", StringComparison.Ordinal)));
        var running = await second.Http.GetFromJsonAsync<JsonObject>("api/tasks?status=running");
        Assert.Equal(0, (int)running!["total"]!);
    }
}
