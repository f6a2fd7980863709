using System.Diagnostics;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary><c>tasklane serve</c>'s refusals of bad settings (the client commands: CliTaskCommandTests and its neighbours).</summary>
[Collection("Processes")]
public sealed class CliTests
{
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
