using System.Globalization;
using System.Text.Json.Nodes;

namespace Tasklane.Tests.EndToEnd;

/// <summary><c>tasklane workers|schedules|queues|users|stats|audit</c> against a real server, as people and with <c>--json</c>.</summary>
[Collection("Processes")]
public sealed class CliAdminCommandTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    private readonly CliRunner _cli = server.Admin();

    [Fact]
    public async Task Workers_ListDeactivateActivateDiscover_SwitchTheWorker()
    {
        var listed = await _cli.RunAsync("workers", "list");
        var json = JsonNode.Parse((await _cli.RunAsync("workers", "list", "--json")).Out)!;
        var deactivated = await _cli.RunAsync("workers", "deactivate", "demo-sync");
        var refused = await _cli.RunAsync("tasks", "create", "demo-sync", "sync");
        var activated = await _cli.RunAsync("workers", "activate", "demo-sync", "--json");
        var discovered = await _cli.RunAsync("workers", "discover");
        var unknown = await _cli.RunAsync("workers", "activate", "no-such-worker");

        Assert.Equal(0, listed.Exit);
        Assert.Contains("Demo sync", listed.Out, StringComparison.Ordinal);
        Assert.Contains(json["items"]!.AsArray(), w => (string?)w!["identifier"] == "demo" && (bool)w["active"]!);
        Assert.Equal("demo-sync inactive", deactivated.Out.Trim());
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("error: 422 ", refused.ErrorLine(), StringComparison.Ordinal);
        Assert.True((bool)JsonNode.Parse(activated.Out)!["active"]!);
        Assert.Equal(0, discovered.Exit);
        Assert.Matches(@"^\d+ worker\(s\) registered$", discovered.Out.Trim());
        Assert.Equal((1, "error: 404 worker no-such-worker not found"), (unknown.Exit, unknown.ErrorLine()));
    }

    [Fact]
    public async Task Schedules_ListToggleTrigger_ChangeTheScheduleAndCreateATask()
    {
        var listed = await _cli.RunAsync("schedules", "list");
        var json = JsonNode.Parse((await _cli.RunAsync("schedules", "list", "--json")).Out)!;
        var id = (string)json["items"]!.AsArray().Single(s => (string?)s!["worker"] == "demo-sync")!["id"]!;
        var on = await _cli.RunAsync("schedules", "toggle", id);
        var off = await _cli.RunAsync("schedules", "toggle", id, "--json");
        var triggered = await _cli.RunAsync("schedules", "trigger", id);

        Assert.Contains("hourly", listed.Out, StringComparison.Ordinal);
        Assert.Equal($"{id} enabled", on.Out.Trim());
        Assert.False((bool)JsonNode.Parse(off.Out)!["enabled"]!);
        Assert.Equal(0, triggered.Exit);
        var task = await server.Serve.GetTaskAsync(long.Parse(triggered.Out.Trim(), CultureInfo.InvariantCulture));
        Assert.Equal("demo-sync", (string?)task["worker"]);
    }

    [Fact]
    public async Task QueuesAndStats_ListTheirCounts()
    {
        Assert.Equal(0, (await _cli.RunAsync("tasks", "create", "demo", "echo", "--data", """{"message":"count me"}""")).Exit);

        var queues = await _cli.RunAsync("queues", "list");
        var queuesJson = JsonNode.Parse((await _cli.RunAsync("queues", "list", "--json")).Out)!;
        var stats = await _cli.RunAsync("stats");
        var statsJson = JsonNode.Parse((await _cli.RunAsync("stats", "--from", "1d", "--json")).Out)!;

        Assert.Equal(0, queues.Exit);
        Assert.Contains("default", queues.Out, StringComparison.Ordinal);
        Assert.Contains(queuesJson["items"]!.AsArray(), q => (string?)q!["name"] == "default");
        Assert.Equal(0, stats.Exit);
        Assert.Contains("success", stats.Out, StringComparison.Ordinal);
        Assert.Contains("demo", stats.Out, StringComparison.Ordinal);
        Assert.True((long)statsJson["total"]! >= 1);
    }

    [Fact]
    public async Task Users_AddAndList_AndTheNewViewerIsRefusedWhatItMayNotDo()
    {
        var added = await _cli.RunAsync(["users", "add", "vera", "--role", "viewer"], null, new Dictionary<string, string> { ["TASKLANE_NEW_PASSWORD"] = "vera-viewer-password" });
        var listed = await _cli.RunAsync("users", "list");
        var json = JsonNode.Parse((await _cli.RunAsync("users", "list", "--json")).Out)!;
        var vera = new CliRunner(server.Serve.BaseAddress, null, server.NewConfigHome());
        var login = await vera.RunAsync("login", "--username", "vera", "--password", "vera-viewer-password");
        var users = await vera.RunAsync("users", "list");
        var create = await vera.RunAsync("tasks", "create", "demo", "echo");
        var tasks = await vera.RunAsync("tasks", "list");

        Assert.True(added.Exit == 0, added.ToString());
        Assert.Contains("vera", listed.Out, StringComparison.Ordinal);
        Assert.Contains(json["items"]!.AsArray(), u => (string?)u!["username"] == "vera" && (string?)u["role"] == "viewer"
            && (long)u["id"]! == long.Parse(added.Out.Trim(), CultureInfo.InvariantCulture));
        Assert.Equal(0, login.Exit);
        Assert.Equal(5, users.Exit);
        Assert.StartsWith("error: 403 forbidden", users.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(5, create.Exit);
        Assert.Equal(0, tasks.Exit);
    }

    [Fact]
    public async Task AuditAndQueuePause_AsAViewer_AreOneLineAndANonZeroExit()
    {
        // GET /api/audit and PUT /api/queues/:name come with other work: before it the server's router answers 404, after it
        // a viewer (no audit:view, no queue:update) gets 403. Either way: one line, no stack trace, not 0.
        await _cli.RunAsync(["users", "add", "victor", "--role", "viewer", "--password", "victor-viewer-password"], null, null);
        var victor = new CliRunner(server.Serve.BaseAddress, null, server.NewConfigHome());
        Assert.Equal(0, (await victor.RunAsync("login", "--username", "victor", "--password", "victor-viewer-password")).Exit);

        var audit = await victor.RunAsync("audit", "--action", "task.cancel");
        var pause = await victor.RunAsync("queues", "pause", "default");
        var resume = await victor.RunAsync("queues", "resume", "default");

        foreach (var result in new[] { audit, pause, resume })
        {
            Assert.Contains(result.Exit, new[] { 1, 5 });
            Assert.Matches(@"^error: (404|405|403) ", result.ErrorLine());
        }
    }
}
