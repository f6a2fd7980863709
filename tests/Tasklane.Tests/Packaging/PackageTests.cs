using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Tasklane.Tests.Docs;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> makes the seven packages, and they work from a local folder: the tool installs and answers
/// <c>--help</c>, and an app that references Tasklane and Tasklane.Sqlite builds against them. The packs are made
/// from this test run's own build (no second build), with a version of their own so that the machine's package
/// cache never serves an older pack, and that cache's copies are removed afterwards.
/// </summary>
[Collection("Processes")]
public sealed class PackageTests : IDisposable
{
    private static readonly string[] Libraries = ["Tasklane", "Tasklane.Sqlite", "Tasklane.PostgreSql", "Tasklane.AspNetCore", "Tasklane.EntityFrameworkCore", "Tasklane.Testing"];
    private const string Tool = "Tasklane.Cli";
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly TempDirectory _directory = new();
    private readonly string _version = $"0.0.0-packtest.{Guid.NewGuid():N}"[..28];

    private string Feed => Path.Combine(_directory.Path, "feed");

    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in Libraries.Append(Tool))
        {
            var package = Path.Combine(cache, id.ToLowerInvariant());
            var folder = Path.Combine(package, _version);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            if (Directory.Exists(package) && !Directory.EnumerateFileSystemEntries(package).Any()) Directory.Delete(package);
        }
        _directory.Dispose();
    }

    [Fact]
    public async Task Pack_MakesTheSixPackages_TheToolInstallsAndAnAppBuildsAgainstThem()
    {
        var pack = await RunAsync(DocSnippets.Root, "dotnet", "pack", Path.Combine(DocSnippets.Root, "Tasklane.sln"), "-c", Configuration,
            "--no-build", "-o", Feed, $"-p:Version={_version}");
        Assert.True(pack.Exit == 0, $"dotnet pack failed:\n{pack.Output}");

        // Exactly the seven packages, each with its symbols: no test, bench or sample project packs.
        var expected = Libraries.Append(Tool).SelectMany(id => new[] { $"{id}.{_version}.nupkg", $"{id}.{_version}.snupkg" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFiles(Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var id in Libraries)
        {
            var (files, nuspec) = Open(id);
            Assert.Contains("README.md", files);
            Assert.Contains($"lib/net10.0/{id}.dll", files);
            Assert.Contains($"lib/net10.0/{id}.xml", files);
            CheckMetadata(id, nuspec);
        }
        var (toolFiles, toolNuspec) = Open(Tool);
        CheckMetadata(Tool, toolNuspec);
        Assert.Contains("tools/net10.0/any/Tasklane.Cli.dll", toolFiles);
        Assert.Contains("DotnetTool", toolNuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")));

        // The tool, installed from the folder into a tool path of its own.
        var tools = Path.Combine(_directory.Path, "tools");
        var install = await RunAsync(_directory.Path, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", Feed, Tool, "--version", _version);
        Assert.True(install.Exit == 0, $"dotnet tool install failed:\n{install.Output}");
        var help = await RunAsync(_directory.Path, Path.Combine(tools, OperatingSystem.IsWindows() ? "tasklane.exe" : "tasklane"), "--help");
        Assert.True(help.Exit == 0, $"tasklane --help failed:\n{help.Output}");
        Assert.Contains("serve", help.Output, StringComparison.Ordinal);

        // A throwaway app on the local folder plus the registry this machine restores from (the user's NuGet.Config).
        var app = Path.Combine(_directory.Path, "app");
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="tasklane-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Tasklane" Version="{_version}" />
                <PackageReference Include="Tasklane.Sqlite" Version="{_version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.12" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using Tasklane;
            using Tasklane.Sqlite;

            var services = new ServiceCollection();
            services.AddTasklane(b => b.UseSqlite("app.db"))
                .AddWorker<HelloWorker>()
                .AddWorker("cleanup", "run", async (TaskContext task, CleanupArgs args, CancellationToken ct) =>
                    await task.LogAsync($"Cleaning {args.Folder}"));
            Console.WriteLine(services.Count > 0 ? "configured" : "empty");

            public sealed record CleanupArgs(string Folder);

            [Worker("hello")]
            public sealed class HelloWorker : TaskWorker
            {
                [Action("say")]
                public Task SayAsync(TaskContext task, CancellationToken cancellationToken) => task.LogAsync("hello").AsTask();
            }
            """);
        var build = await RunAsync(app, "dotnet", "build", "-v", "q", "-nologo");
        Assert.True(build.Exit == 0, $"the app did not build against the packages:\n{build.Output}");
    }

    private (HashSet<string> Files, XDocument Nuspec) Open(string id)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{_version}.nupkg"));
        var files = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        using var stream = zip.GetEntry($"{id}.nuspec")!.Open();
        return (files, XDocument.Load(stream));
    }

    private void CheckMetadata(string id, XDocument nuspec)
    {
        string? Element(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        var license = nuspec.Descendants().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", Element("readme"));
        Assert.Equal(_version, Element("version"));
        Assert.False(string.IsNullOrWhiteSpace(Element("description")), $"{id} has no description");
        var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string directory, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
