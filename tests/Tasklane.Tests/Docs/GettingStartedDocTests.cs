using System.Diagnostics;
using System.Text.RegularExpressions;
using Tasklane.Samples;
using Tasklane.Tests.EndToEnd;

namespace Tasklane.Tests.Docs;

/// <summary>docs/getting-started.md lists every flag of <c>tasklane serve</c> and every demo task a user can create.</summary>
public sealed partial class GettingStartedDocTests
{
    private static string Doc() => File.ReadAllText(Path.Combine(DocSnippets.Root, "docs", "getting-started.md"));

    [Fact]
    public async Task ServeFlags_EveryOptionOfServeHelp_HasARow()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[ServeProcess.CliPath(), "serve", "--help"]) info.ArgumentList.Add(arg);
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        var help = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // --server and --token belong to every command (the client's); the doc gives them with the client commands.
        string[] clientOptions = ["--server", "--token"];
        var options = Option().Matches(help).Select(m => m.Value).Where(o => o is not ("--help" or "--version")).Except(clientOptions).Distinct().ToList();

        Assert.Contains("--postgres-schema", options);
        var doc = Doc();
        Assert.All(options, o => Assert.Matches($@"\n\| `{Regex.Escape(o)}[ `]", doc));
        Assert.All(clientOptions, o => Assert.Contains($"`{o}`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void DemoTable_EveryListedDemoAction_HasARowAndSubtaskOnlyOnesNone()
    {
        var doc = Doc();

        foreach (var type in new[] { typeof(DemoWorker), typeof(DemoSyncWorker) })
        {
            var worker = new WorkerDescriptor(type);
            Assert.All(worker.ListedActions, a => Assert.Contains($"| `{worker.Identifier}/{a}` |", doc, StringComparison.Ordinal));
            Assert.All(worker.Actions.Values.Where(a => a.SubtaskOnly), a => Assert.DoesNotContain($"`{worker.Identifier}/{a.Name}`", doc, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex Option();
}
