using System.Text.RegularExpressions;

namespace Tasklane;

/// <summary>The file key of an artifact, <c>{task id}/{random}-{name}</c>, wherever it is kept.</summary>
internal static partial class ArtifactKey
{
    /// <summary>A fresh key for a file of <paramref name="taskId"/>, and the name made safe (letters, digits, <c>._-</c>).</summary>
    public static (string Key, string SafeName) New(long taskId, string name)
    {
        var safeName = UnsafeChars().Replace(Path.GetFileName(name), "_");
        if (safeName.Length == 0) safeName = "artifact";
        return ($"{taskId}/{Guid.NewGuid():N}-{safeName}", safeName);
    }

    /// <summary>Whether <paramref name="key"/> has the shape of a key <see cref="New"/> makes (so it names no other path).</summary>
    public static bool IsValid(string key) => KeyShape().IsMatch(key);

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeChars();

    [GeneratedRegex(@"^[0-9]+/[0-9a-f]{32}-[A-Za-z0-9._-]+$")]
    private static partial Regex KeyShape();
}
