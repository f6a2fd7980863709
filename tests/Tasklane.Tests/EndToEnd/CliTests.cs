using System.Diagnostics;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>The <c>tasklane</c> client commands (login, tasks create/show/list/cancel) against a real server.</summary>
[Collection("Processes")]
public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Err)> CliAsync(ServeProcess serve, string? token, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[ServeProcess.CliPath(), .. args, "--server", serve.BaseAddress.ToString()]) info.ArgumentList.Add(arg);
        info.Environment.Remove("TASKLANE_TOKEN");
        if (token is not null) info.Environment["TASKLANE_TOKEN"] = token;
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Cli_LoginCreateShowListCancel_WorkAgainstTheServer()
    {
        using var directory = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath);

        var login = await CliAsync(serve, null, "login", "--username", "admin", "--password", ServeProcess.AdminPassword);
        Assert.Equal(0, login.Exit);
        var token = login.Out.Trim();
        var created = await CliAsync(serve, token, "tasks", "create", "demo", "echo", "--data", """{"message":"from the cli"}""");
        Assert.Equal(0, created.Exit);
        var id = long.Parse(created.Out.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var shown = await Eventually.ValueAsync(() => CliAsync(serve, token, "tasks", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            r => r.Out.Contains("completed", StringComparison.Ordinal), because: "the task to complete");
        Assert.Contains("from the cli", shown.Out, StringComparison.Ordinal);
        var listed = await CliAsync(serve, token, "tasks", "list", "--status", "completed");
        Assert.Equal(0, listed.Exit);
        Assert.Contains("echo", listed.Out, StringComparison.Ordinal);
        Assert.Contains("1 task(s)", listed.Out, StringComparison.Ordinal);

        var sleeping = await CliAsync(serve, token, "tasks", "create", "demo", "sleep", "--data", """{"seconds":60}""");
        var sleepId = sleeping.Out.Trim();
        var cancelled = await CliAsync(serve, token, "tasks", "cancel", sleepId);
        Assert.Equal(0, cancelled.Exit);
        Assert.StartsWith(sleepId, cancelled.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_BadDataOrNoToken_ExitsOneWithTheReason()
    {
        using var directory = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(directory.DatabasePath);
        var token = (await CliAsync(serve, null, "login", "--password", ServeProcess.AdminPassword)).Out.Trim();

        var bad = await CliAsync(serve, token, "tasks", "create", "demo", "sleep", "--data", """{"seconds":"soon"}""");
        var notJson = await CliAsync(serve, token, "tasks", "create", "demo", "sleep", "--data", "{");
        var anonymous = await CliAsync(serve, null, "tasks", "list");
        var wrongPassword = await CliAsync(serve, null, "login", "--password", "nope-nope");

        Assert.Equal((1, true), (bad.Exit, bad.Err.Contains("data.seconds", StringComparison.Ordinal)));
        Assert.Equal((1, true), (notJson.Exit, notJson.Err.Contains("--data is not JSON", StringComparison.Ordinal)));
        Assert.Equal((1, true), (anonymous.Exit, anonymous.Err.Contains("401", StringComparison.Ordinal)));
        Assert.Equal(1, wrongPassword.Exit);
    }

    [Theory]
    [InlineData("short", "AdminPassword is refused: password must have at least 8 characters")]
    [InlineData("password", "AdminPassword is refused: password is one of the most common passwords")]
    public async Task Serve_WeakAdminPassword_ExitsTwoSayingWhy(string password, string message)
    {
        using var directory = new TempDirectory();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[ServeProcess.CliPath(), "serve", "--db", directory.DatabasePath, "--urls", "http://127.0.0.1:0", "--admin-password", password])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("TASKLANE_ADMIN_PASSWORD");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(message, await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stderr + await stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("corrupt")]
    public async Task Serve_UnusableDatabaseFile_ExitsNonZeroWithOneLineNamingTheFile(string kind)
    {
        using var directory = new TempDirectory();
        if (kind == "text")
        {
            await File.WriteAllTextAsync(directory.DatabasePath, string.Concat(Enumerable.Repeat("This is not a database.\n", 400)));
        }
        else
        {
            // A real SQLite file whose pages are overwritten after the header.
            await using (var serve = await ServeProcess.StartAsync(directory.DatabasePath)) { }
            foreach (var extra in Directory.GetFiles(directory.Path, "tasklane.db-*")) File.Delete(extra);
            var bytes = await File.ReadAllBytesAsync(directory.DatabasePath);
            for (var i = 100; i < bytes.Length; i++) bytes[i] = 0x5A;
            await File.WriteAllBytesAsync(directory.DatabasePath, bytes);
        }
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[ServeProcess.CliPath(), "serve", "--db", directory.DatabasePath, "--urls", "http://127.0.0.1:0", "--admin-password", "long-enough-password"])
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var output = (await stderr + await stdout).Trim();
        Assert.NotEqual(0, process.ExitCode);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(directory.DatabasePath, line, StringComparison.Ordinal);
    }
}
