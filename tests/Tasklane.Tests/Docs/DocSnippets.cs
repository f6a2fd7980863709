using System.Text.RegularExpressions;

namespace Tasklane.Tests.Docs;

/// <summary>
/// Reads the C# examples of the docs and the compiled regions they come from: a region of
/// samples/Tasklane.Examples lies between <c>// snippet: NAME</c> and <c>// end snippet</c>; a doc shows it in a
/// <c>```csharp</c> block right after the line <c>&lt;!-- snippet: NAME --&gt;</c>. Text is compared without its
/// common indentation, so a region inside a method reads as the doc shows it.
/// </summary>
public static partial class DocSnippets
{
    /// <summary>The repository's root: the folder holding Tasklane.sln above the test's binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every region of the examples' C# files, by name.</summary>
    public static IReadOnlyDictionary<string, string> Regions(string directory)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (RegionStart().Match(lines[i]) is not { Success: true } start) continue;
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "// end snippet");
                if (end < 0) throw new InvalidOperationException($"{file}: snippet '{start.Groups[1].Value}' has no '// end snippet'.");
                regions.Add(start.Groups[1].Value, Dedent(lines[(i + 1)..end]));
                i = end;
            }
        }
        return regions;
    }

    /// <summary>The C# blocks of one markdown text: the snippet name before each (null when none) and the code.</summary>
    public static IReadOnlyList<(string? Name, string Code, int Line)> Blocks(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<(string?, string, int)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() is not ("```csharp" or "```cs" or "```c#")) continue;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            if (end < 0) throw new InvalidOperationException($"line {i + 1}: a code block that never closes.");
            var marker = i > 0 ? DocMarker().Match(lines[i - 1]) : Match.Empty;
            blocks.Add((marker.Success ? marker.Groups[1].Value : null, Dedent(lines[(i + 1)..end]), i + 1));
            i = end;
        }
        return blocks;
    }

    /// <summary>The markdown files that may hold examples: README.md and docs/*.md.</summary>
    public static IEnumerable<string> MarkdownFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Prepend(Path.Combine(Root, "README.md")).Order(StringComparer.Ordinal);

    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tasklane.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Tasklane.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*//\s*snippet:\s*(\S+)\s*$")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(\S+)\s*-->\s*$")]
    private static partial Regex DocMarker();
}
