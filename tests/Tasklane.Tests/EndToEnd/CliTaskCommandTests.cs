using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary><c>tasklane tasks ...</c> against a real server: every subcommand's answer, its <c>--json</c>, and watch's exits.</summary>
[Collection("Processes")]
public sealed class CliTaskCommandTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    private readonly CliRunner _cli = server.Admin();

    private async Task<long> CreateAsync(string action, string data)
    {
        var created = await _cli.RunAsync("tasks", "create", "demo", action, "--data", data);
        Assert.True(created.Exit == 0, created.ToString());
        return long.Parse(created.Out.Trim(), CultureInfo.InvariantCulture);
    }

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task CreateWatchShowListLogsExport_AnEchoTask_ShowsItEverywhere()
    {
        var id = await CreateAsync("echo", """{"message":"from the cli"}""");

        var watched = await _cli.RunAsync("tasks", "watch", S(id));
        var shown = await _cli.RunAsync("tasks", "show", S(id));
        var shownJson = JsonNode.Parse((await _cli.RunAsync("tasks", "show", S(id), "--json")).Out)!;
        var listed = await _cli.RunAsync("tasks", "list", "--worker", "demo", "--action", "echo");
        var listedJson = JsonNode.Parse((await _cli.RunAsync("tasks", "list", "--status", "completed", "--json")).Out)!;
        var logs = await _cli.RunAsync("tasks", "logs", S(id));
        var logsJson = JsonNode.Parse((await _cli.RunAsync("tasks", "logs", S(id), "--json")).Out)!;
        var exported = await _cli.RunAsync("tasks", "export", S(id), "--format", "text");
        var file = Path.Combine(server.Folder, $"export-{id}.html");
        var exportedToFile = await _cli.RunAsync("tasks", "export", S(id), "--format", "html", "--output", file);

        Assert.True(watched.Exit == 0, watched.ToString());
        Assert.Contains("from the cli", watched.Out, StringComparison.Ordinal);
        Assert.Contains($"task {id} completed", watched.Out, StringComparison.Ordinal);
        Assert.Contains("completed", shown.Out, StringComparison.Ordinal);
        Assert.Contains("""{"message":"from the cli"}""", shown.Out, StringComparison.Ordinal);
        Assert.Equal((id, "completed", "from the cli"), ((long)shownJson["id"]!, (string?)shownJson["status"], (string?)shownJson["data"]!["message"]));
        Assert.Equal(0, listed.Exit);
        Assert.Contains("echo", listed.Out, StringComparison.Ordinal);
        Assert.Contains(listedJson["items"]!.AsArray(), t => (long)t!["id"]! == id);
        Assert.All(listedJson["items"]!.AsArray(), t => Assert.Equal("completed", (string?)t!["status"]));
        Assert.Contains("from the cli", logs.Out, StringComparison.Ordinal);
        Assert.Contains(logsJson["items"]!.AsArray(), l => (string?)l!["message"] == "from the cli");
        Assert.True((long)logsJson["last_seq"]! > 0);
        Assert.Contains("from the cli", exported.Out, StringComparison.Ordinal);
        Assert.Contains("|completed|", exported.Out, StringComparison.Ordinal);
        Assert.Equal(0, exportedToFile.Exit);
        Assert.Contains("<html", await File.ReadAllTextAsync(file), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\u001b[", watched.Out + shown.Out + listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AFailingTask_ExitsTenWithTheError()
    {
        var id = await CreateAsync("fail", """{"message":"disk full"}""");

        var watched = await _cli.RunAsync("tasks", "watch", S(id));

        Assert.Equal(10, watched.Exit);
        Assert.Equal($"error: task {id} failed: disk full", watched.ErrorLine());
    }

    [Fact]
    public async Task Watch_ATaskCancelledWhileWatched_ExitsElevenAfterItsProgress()
    {
        var id = await CreateAsync("sleep", """{"seconds":60,"steps":60}""");
        var sawProgress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = _cli.RunAsync(["tasks", "watch", S(id), "--json"], null, null, line =>
        {
            if (JsonNode.Parse(line) is { } e && (string?)e["event"] == "progress" && (double?)e["data"]!["progress"] > 0) sawProgress.TrySetResult();
        });
        await sawProgress.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var cancelled = await _cli.RunAsync("tasks", "cancel", S(id));
        var watched = await watching;

        Assert.Equal(0, cancelled.Exit);
        Assert.StartsWith(S(id) + " ", cancelled.Out, StringComparison.Ordinal);
        Assert.Equal(11, watched.Exit);
        Assert.Equal($"error: task {id} was cancelled", watched.ErrorLine());
        var events = watched.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(events, e => (string?)e["event"] == "progress" && (double?)e["data"]!["progress"] > 0);
        Assert.Contains(events, e => (string?)e["event"] == "log");
        Assert.Equal("cancelled", (string?)events.Last(e => (string?)e["event"] == "status")["data"]!["status"]);
    }

    [Fact]
    public async Task Watch_ASleepTask_PrintsItsProgressAndEtaAndExitsZero()
    {
        var id = await CreateAsync("sleep", """{"seconds":4,"steps":4}""");

        var watched = await _cli.RunAsync("tasks", "watch", S(id));

        Assert.True(watched.Exit == 0, watched.ToString());
        // The stream sends the progress it sees at each tick of the server's watcher, so not necessarily every step.
        Assert.True(Regex.IsMatch(watched.Out, @"\nprogress \d+(\.\d)? % [1-4]/4, eta \d+ seconds?: Step [1-4] of 4\n"), watched.Out);
        Assert.Contains("Step 4 of 4", watched.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryExecuteDelete_ChangeTheTaskAndDeleteMakesItNotFound()
    {
        var failed = await CreateAsync("fail", """{"message":"once"}""");
        Assert.Equal(10, (await _cli.RunAsync("tasks", "watch", S(failed))).Exit);
        var retried = await _cli.RunAsync("tasks", "retry", S(failed), "--json");
        var later = await _cli.RunAsync("tasks", "create", "demo", "echo", "--data", """{"message":"later"}""", "--run-at", "1h", "--json");
        var laterId = (long)JsonNode.Parse(later.Out)!["id"]!;
        var executed = await _cli.RunAsync("tasks", "execute", S(laterId));
        Assert.Equal(0, (await _cli.RunAsync("tasks", "watch", S(laterId))).Exit);
        var deleted = await _cli.RunAsync("tasks", "delete", S(laterId));
        var gone = await _cli.RunAsync("tasks", "show", S(laterId));

        Assert.Equal(0, retried.Exit);
        Assert.Equal("pending", (string?)JsonNode.Parse(retried.Out)!["status"]);
        Assert.True(DateTimeOffset.Parse((string)JsonNode.Parse(later.Out)!["run_at"]!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Equal(0, executed.Exit);
        Assert.Equal($"{laterId} deleted", deleted.Out.Trim());
        Assert.Equal(1, gone.Exit);
        Assert.Equal($"error: 404 task {laterId} not found", gone.ErrorLine());
    }

    [Fact]
    public async Task CreateMany_JsonLinesOnStandardInput_CreatesThemInBatchesAndPrintsTheIds()
    {
        var lines = string.Join('\n', Enumerable.Range(1, 5).Select(i => $$$"""{"action":"echo","data":{"message":"many {{{i}}}"}}""")) + "\n\n";

        var created = await _cli.RunAsync(["tasks", "create-many", "--worker", "demo", "--batch-size", "2"], lines, null);

        Assert.True(created.Exit == 0, created.ToString());
        var ids = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => long.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.Order(), ids);
        for (var i = 0; i < ids.Count; i++)
        {
            var task = await server.Serve.GetTaskAsync(ids[i]);
            Assert.Equal(("demo", "echo", $"many {i + 1}"), ((string?)task["worker"], (string?)task["action"], (string?)task["data"]!["message"]));
        }
    }

    [Fact]
    public async Task CreateMany_ABrokenLineOrABadTask_SaysWhichLineAndCreatesNothingOfItsBatch()
    {
        var before = await TotalAsync();
        var file = Path.Combine(server.Folder, "broken.jsonl");
        await File.WriteAllTextAsync(file, """
            {"worker":"demo","action":"echo","data":{"message":"a"}}
            {"worker":"demo","action":"echo","data":
            """);
        var broken = await _cli.RunAsync("tasks", "create-many", file);
        var afterBroken = await TotalAsync();
        var bad = await _cli.RunAsync(["tasks", "create-many", "--batch-size", "2"], """
            {"worker":"demo","action":"echo","data":{"message":"a"}}
            {"worker":"demo","action":"echo","data":{"message":"b"}}
            {"worker":"demo","action":"echo","data":{"message":"c"}}
            {"worker":"demo","action":"sleep","data":{"seconds":"soon"}}
            """, null);

        Assert.Equal(2, broken.Exit);
        Assert.StartsWith("error: line 2 is not JSON", broken.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(before, afterBroken);
        Assert.Equal(1, bad.Exit);
        var line = bad.ErrorLine();
        Assert.Contains("400", line, StringComparison.Ordinal);
        Assert.Contains("at line 4", line, StringComparison.Ordinal);
        Assert.Contains("2 task(s) of earlier batches were created", line, StringComparison.Ordinal);
        Assert.Equal(before + 2, await TotalAsync());
    }

    [Fact]
    public async Task Clone_ATaskThatDoesNotExist_IsOneLineAndExitOne()
    {
        // Before the server has POST /api/tasks/:id/clone this is its router's 404, after it the task's: either is one line.
        var cloned = await _cli.RunAsync("tasks", "clone", "987654", "--data", """{"message":"again"}""");

        Assert.Equal(1, cloned.Exit);
        Assert.StartsWith("error: 404 ", cloned.ErrorLine(), StringComparison.Ordinal);
    }

    private async Task<long> TotalAsync() =>
        (long)(await server.Serve.Http.GetFromJsonAsync<JsonObject>("api/tasks?page_size=1"))!["total"]!;
}
