using Tasklane.Tests.Support;

namespace Tasklane.Tests.Docs;

/// <summary>The docs' C# examples are regions of samples/Tasklane.Examples and samples/Tasklane.Samples.WebApp, which the solution compiles.</summary>
public sealed class DocSnippetTests
{
    private static readonly string[] ExampleDirectories =
    [
        Path.Combine(DocSnippets.Root, "samples", "Tasklane.Examples"),
        Path.Combine(DocSnippets.Root, "samples", "Tasklane.Samples.WebApp"),
    ];

    private static Dictionary<string, string> AllRegions() =>
        ExampleDirectories.SelectMany(d => DocSnippets.Regions(d)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    public static TheoryData<string> MarkdownFiles() => [.. DocSnippets.MarkdownFiles().Select(f => Path.GetRelativePath(DocSnippets.Root, f))];

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Doc_EveryCSharpBlock_IsTheCompiledExampleItNames(string file)
    {
        var regions = AllRegions();
        foreach (var (name, code, line) in DocSnippets.Blocks(File.ReadAllText(Path.Combine(DocSnippets.Root, file))))
        {
            Assert.True(name is not null, $"{file}:{line}: a C# block without a '<!-- snippet: NAME -->' line before it");
            Assert.True(regions.TryGetValue(name, out var compiled), $"{file}:{line}: no region '// snippet: {name}' in samples/Tasklane.Examples or samples/Tasklane.Samples.WebApp");
            Assert.True(compiled == code, $"{file}:{line}: the block differs from the compiled region '{name}':\n{compiled}");
        }
    }

    [Fact]
    public void Examples_EveryRegion_IsShownByADoc()
    {
        var shown = DocSnippets.MarkdownFiles().SelectMany(f => DocSnippets.Blocks(File.ReadAllText(f))).Select(b => b.Name).ToHashSet();

        var unused = AllRegions().Keys.Where(n => !shown.Contains(n)).ToList();

        Assert.NotEmpty(shown);
        Assert.Empty(unused);
    }

    [Fact]
    public void Blocks_AnEditedOrUnmarkedBlock_ReadsAsDifferentFromItsRegion()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "Example.cs"), """
            class C
            {
                void M()
                {
                    // snippet: call
                    Run(1);
                    // end snippet
                }
            }
            """);
        var regions = DocSnippets.Regions(directory.Path);

        var blocks = DocSnippets.Blocks("<!-- snippet: call -->\n```csharp\nRun(2);\n```\n\n```csharp\nRun(1);\n```\n");

        Assert.Equal("Run(1);", regions["call"]);
        Assert.Equal(("call", "Run(2);", 2), blocks[0]);
        Assert.NotEqual(regions["call"], blocks[0].Code);
        Assert.Null(blocks[1].Name);
    }
}
