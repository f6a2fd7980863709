using System.Text.RegularExpressions;

namespace Tasklane.Tests.Docs;

/// <summary>The docs travel with the repository: they link by relative path and name no folder of one machine.</summary>
public sealed partial class DocLinkTests
{
    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(DocSnippets.Root, "docs"), "*.md").Append(Path.Combine(DocSnippets.Root, "README.md")))
        {
            data.Add(Path.GetRelativePath(DocSnippets.Root, path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_NamesNoAbsolutePathAndLinksRelatively(string document)
    {
        var text = File.ReadAllText(Path.Combine(DocSnippets.Root, document));
        Assert.DoesNotMatch(MachinePath(), text);
        foreach (Match link in Link().Matches(text))
        {
            var target = link.Groups[1].Value;
            Assert.False(target.StartsWith('/') || target.StartsWith("file:", StringComparison.OrdinalIgnoreCase), $"{document} links to {target}: link by relative path");
            if (target.StartsWith("http", StringComparison.OrdinalIgnoreCase) || target.StartsWith('#')) continue;
            var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(DocSnippets.Root, document))!, target.Split('#')[0]));
            Assert.True(File.Exists(file) || Directory.Exists(file), $"{document} links to {target}, which does not exist");
        }
    }

    /// <summary>A folder of a development machine: /work/…, /home/…, /Users/…, /tmp/…, /root/…, /mnt/…, C:\….</summary>
    [GeneratedRegex(@"(?<![\w.:/-])(/(work|home|Users|tmp|root|mnt)/[\w.-]+|[A-Z]:\\[\w.-]+)")]
    private static partial Regex MachinePath();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
