using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// How <c>tasklane</c> finds its server and token (options, environment, the config file of <c>login</c>), the one line
/// and exit code of each kind of error, colour only on a terminal, and <c>migrate</c>.
/// </summary>
[Collection("Processes")]
public sealed partial class CliConnectionTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Login_SavesTheTokenOwnerOnly_LaterCommandsUseIt_LogoutRevokesIt()
    {
        // No TASKLANE_SERVER either: login names the server, later commands take it from the config file.
        var cli = new CliRunner(null, null, server.NewConfigHome());

        var login = await cli.RunAsync("login", "--server", server.Serve.BaseAddress.ToString(), "--password", ServeProcess.AdminPassword);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(cli.ConfigPath))!;
        var fileMode = File.GetUnixFileMode(cli.ConfigPath);
        var folderMode = File.GetUnixFileMode(Path.GetDirectoryName(cli.ConfigPath)!);
        var listed = await cli.RunAsync("tasks", "list", "--json");
        var token = (string)config["logins"]![server.Serve.BaseAddress.ToString().TrimEnd('/')]!["token"]!;
        var logout = await cli.RunAsync("logout");
        var afterLogout = await cli.RunAsync("tasks", "list");
        var revoked = await new CliRunner(server.Serve.BaseAddress, token, server.NewConfigHome()).RunAsync("tasks", "list");

        Assert.True(login.Exit == 0, login.ToString());
        Assert.Equal("", login.Out);
        Assert.Contains(cli.ConfigPath, login.Err, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fileMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, folderMode);
        Assert.Equal(server.Serve.BaseAddress.ToString().TrimEnd('/'), (string?)config["server"]);
        Assert.True(listed.Exit == 0, listed.ToString());
        Assert.NotNull(JsonNode.Parse(listed.Out)!["items"]);
        Assert.Equal(0, logout.Exit);
        Assert.Equal(4, afterLogout.Exit);
        Assert.StartsWith("error: 401 not signed in", afterLogout.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(4, revoked.Exit);
    }

    [Fact]
    public async Task Login_PrintToken_PrintsAWorkingTokenAndAWrongPasswordExitsFour()
    {
        var cli = server.Anonymous();

        var login = await cli.RunAsync("login", "--password", ServeProcess.AdminPassword, "--print-token");
        var withToken = await cli.RunAsync("tasks", "list", "--token", login.Out.Trim());
        var wrong = await server.Anonymous().RunAsync("login", "--password", "not-the-password");
        var noPassword = await server.Anonymous().RunAsync("login");

        Assert.Equal(0, login.Exit);
        Assert.Matches(@"^\S{20,}$", login.Out.Trim());
        Assert.Equal(0, withToken.Exit);
        Assert.Equal(4, wrong.Exit);
        Assert.StartsWith("error: 401", wrong.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(2, noPassword.Exit);
        Assert.Contains("--password", noPassword.ErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_EachKind_IsOneLineOnStandardErrorWithItsExitCode()
    {
        var admin = server.Admin();

        var notFound = await admin.RunAsync("tasks", "show", "987654");
        var brokenJson = await admin.RunAsync("tasks", "create", "demo", "echo", "--data", "{\"message\":");
        var badData = await admin.RunAsync("tasks", "create", "demo", "sleep", "--data", """{"seconds":"soon"}""");
        var unreachable = await admin.RunAsync("tasks", "list", "--server", "http://127.0.0.1:9");
        var anonymous = await server.Anonymous().RunAsync("tasks", "list");
        var badToken = await admin.RunAsync("stats", "--token", "not-a-token");
        var unknownCommand = await admin.RunAsync("tasks", "frobnicate");
        var badId = await admin.RunAsync("tasks", "watch", "seven");
        var badServer = await admin.RunAsync("tasks", "list", "--server", "ftp://example");

        Assert.Equal((1, "error: 404 task 987654 not found"), (notFound.Exit, notFound.ErrorLine()));
        Assert.Equal(2, brokenJson.Exit);
        Assert.StartsWith("error: --data is not JSON", brokenJson.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(1, badData.Exit);
        Assert.Contains("(field: data.seconds)", badData.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(3, unreachable.Exit);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:9/", unreachable.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(4, anonymous.Exit);
        Assert.StartsWith("error: 401", anonymous.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(4, badToken.Exit);
        Assert.Equal(2, unknownCommand.Exit);
        Assert.Contains("frobnicate", unknownCommand.Err, StringComparison.Ordinal);
        Assert.Equal(2, badId.Exit);
        Assert.Equal(2, badServer.Exit);
        Assert.All(new[] { notFound, brokenJson, badData, unreachable, anonymous, badToken }, r => Assert.Equal("", r.Out));
    }

    [Fact]
    public async Task Output_OnATerminal_IsColouredUnlessNoColorIsSet()
    {
        var id = (await server.Admin().RunAsync("tasks", "create", "demo", "echo", "--data", """{"message":"colour"}""")).Out.Trim();
        Assert.Equal(0, (await server.Admin().RunAsync("tasks", "watch", id)).Exit);

        var coloured = await OnTerminalAsync(null, "tasks", "show", id);
        var plain = await OnTerminalAsync("1", "tasks", "show", id);
        var piped = await server.Admin().RunAsync("tasks", "show", id);

        Assert.Matches(Colour(), coloured);
        Assert.Contains("completed", plain, StringComparison.Ordinal);
        Assert.DoesNotMatch(Colour(), plain);
        Assert.DoesNotContain("\u001b[", piped.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ANewSqliteFile_CreatesTheTablesAndAgainChangesNothing()
    {
        var database = Path.Combine(server.Folder, $"migrated-{Guid.NewGuid():N}.db");
        var text = Path.Combine(server.Folder, "not-a-database.db");
        await File.WriteAllTextAsync(text, string.Concat(Enumerable.Repeat("This is not a database.\n", 400)));
        var cli = server.Anonymous();

        var first = await cli.RunAsync("migrate", "--db", database);
        var second = await cli.RunAsync("migrate", "--db", database);
        var broken = await cli.RunAsync("migrate", "--db", text);
        var both = await cli.RunAsync("migrate", "--db", database, "--postgres", "Host=127.0.0.1");

        Assert.True(first.Exit == 0, first.ToString());
        Assert.Contains("Applied SQLite migration 0001_init", first.Err, StringComparison.Ordinal);
        Assert.Equal($"{database} is up to date", first.Out.Trim());
        Assert.Equal(0, second.Exit);
        Assert.DoesNotContain("Applied", second.Err, StringComparison.Ordinal);
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tasks'";
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }
        Assert.Equal(3, broken.Exit);
        Assert.Contains(text, broken.ErrorLine(), StringComparison.Ordinal);
        Assert.Equal(2, both.Exit);
    }

    [Fact]
    public async Task Migrate_APostgreSqlSchema_CreatesItsTablesOnce()
    {
        await using var databases = new PostgreSqlTestDatabases();
        var schema = databases.NewSchema();
        var cli = server.Anonymous();

        var first = await cli.RunAsync("migrate", "--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", schema);
        var second = await cli.RunAsync("migrate", "--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", schema);
        var badSchema = await cli.RunAsync("migrate", "--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", "Not-A-Schema");

        Assert.True(first.Exit == 0, first.ToString());
        Assert.Contains($"Applied PostgreSQL migration 0001_init in schema {schema}", first.Err, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.DoesNotContain("Applied", second.Err, StringComparison.Ordinal);
        var store = databases.Open(schema);
        Assert.Empty(await store.ListNodesAsync(CancellationToken.None));
        Assert.Equal(2, badSchema.Exit);
        Assert.Contains("Not-A-Schema", badSchema.ErrorLine(), StringComparison.Ordinal);
    }

    /// <summary>The command's output as a terminal shows it: run under <c>script</c>, which gives it a pseudo-terminal.</summary>
    private async Task<string> OnTerminalAsync(string? noColor, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", ServeProcess.CliPath() }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-qefc", command, "/dev/null" }) info.ArgumentList.Add(arg);
        info.Environment["TERM"] = "xterm-256color";
        info.Environment["TASKLANE_SERVER"] = server.Serve.BaseAddress.ToString();
        info.Environment["TASKLANE_TOKEN"] = server.AdminToken;
        info.Environment["XDG_CONFIG_HOME"] = server.NewConfigHome();
        info.Environment.Remove("NO_COLOR");
        if (noColor is not null) info.Environment["NO_COLOR"] = noColor;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await output + await process.StandardError.ReadToEndAsync());
        return await output;
    }

    /// <summary>An SGR foreground colour: 30–37, 90–97, or 38;… (256 colours, true colour).</summary>
    [GeneratedRegex(@"\u001b\[(?:[0-9;]*;)?(3[0-7]|9[0-7]|38;[0-9;]+)m")]
    private static partial Regex Colour();
}
