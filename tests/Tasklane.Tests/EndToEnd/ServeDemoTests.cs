using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

[Collection("Processes")]
public sealed partial class ServeDemoTests
{
    [Fact]
    public async Task Serve_FirstStartWithoutPassword_PrintsARandomAdminPasswordOnce()
    {
        using var directory = new TempDirectory();
        string password;
        await using (var first = await ServeProcess.StartWithoutPasswordAsync(directory.DatabasePath))
        {
            var line = await Eventually.ValueAsync(() => Task.FromResult(PasswordLine().Match(first.Output)), m => m.Success, because: "the password line");
            password = line.Groups[1].Value;
            await first.SignInAsync(password);
            Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync("api/auth/me")).StatusCode);
        }

        await using var second = await ServeProcess.StartWithoutPasswordAsync(directory.DatabasePath);
        await second.SignInAsync(password);
        Assert.DoesNotMatch(PasswordLine(), second.Output);
    }

    [Fact]
    public async Task Serve_DemoSleepTask_ShowsProgressEtaAndNewLogLinesWhileRunning()
    {
        using var directory = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath);
        await serve.SignInAsync();

        var created = await serve.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "sleep", data = new { seconds = 6, steps = 12 } });
        var id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var running = await Eventually.ValueAsync(() => serve.GetTaskAsync(id),
            t => (string?)t["status"] == "running" && (long?)t["processed"] >= 2, because: "the task to run and report");
        var firstLogs = await serve.Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}/logs");
        var lastSeq = (long)firstLogs!["last_seq"]!;
        var later = await Eventually.ValueAsync(() => serve.Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}/logs?after={lastSeq}")!,
            l => l!["items"]!.AsArray().Count > 0, because: "new log lines");

        Assert.Equal(12, (long)running["total"]!);
        Assert.InRange((double)running["progress"]!, 1, 99);
        Assert.True((double?)running["eta_seconds"] > 0, "an ETA while running");
        Assert.All(later!["items"]!.AsArray(), l => Assert.True((long)l!["seq"]! > lastSeq));
        var status = await serve.Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}/status");
        Assert.NotNull(status!["progress"]);
        await Eventually.ValueAsync(() => serve.GetTaskAsync(id), t => (string?)t["status"] == "completed", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Serve_OpenApiDocument_DescribesEveryRouteWithItsQueryBodyAndPermission()
    {
        using var directory = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath);

        var document = (await serve.Http.GetFromJsonAsync<JsonObject>("openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject();
        // The routes MapTasklane maps (in process, the same code the server runs).
        await using (var host = await Tasklane.Tests.Api.ApiHost.StartAsync())
        {
            var routes = Tasklane.AspNetCore.ApiRoutes.From(host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>());
            foreach (var route in routes)
            {
                var operation = paths[route.Path]?[route.Method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{route.Method} {route.Path} is missing from the document");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), $"{route.Method} {route.Path}: no summary");
            }
        }
        var list = paths["/api/tasks"]!["get"]!;
        Assert.Superset(new HashSet<string?> { "current", "page_size", "search", "status", "object_type" },
            list["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ToHashSet());
        Assert.Contains("task:list", (string?)list["description"], StringComparison.Ordinal);
        var body = Tasklane.Tests.Api.OpenApiJson.Members(document, paths["/api/tasks"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]).ToList();
        Assert.Contains("max_attempts", body);
        Assert.Contains("idempotency_key", body);
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
        var detail = Tasklane.Tests.Api.OpenApiJson.Answer(document, paths["/api/tasks/{id}"]!["get"]!, "200")["properties"]!.AsObject();
        Assert.Contains("subtask_counts", detail.Select(p => p.Key));
        Assert.NotNull(paths["/api/tasks"]!["post"]!["responses"]!["201"]);
    }

    [GeneratedRegex("Tasklane admin password: (\\S+)")]
    private static partial Regex PasswordLine();
}
