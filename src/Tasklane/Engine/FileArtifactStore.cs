using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Tasklane;

/// <summary>Artifacts as files in a folder: <c>{task id}/{random}-{name}</c>.</summary>
internal sealed partial class FileArtifactStore(IOptions<TasklaneOptions> options) : IArtifactStore
{
    private readonly string _root = options.Value.ResolvedArtifactsPath;

    public async Task<TaskArtifact> SaveAsync(long taskId, string name, Stream content, CancellationToken cancellationToken)
    {
        var safeName = UnsafeChars().Replace(Path.GetFileName(name), "_");
        if (safeName.Length == 0) safeName = "artifact";
        var key = $"{taskId}/{Guid.NewGuid():N}-{safeName}";
        var path = Path.Combine(_root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await content.CopyToAsync(file, cancellationToken);
        return new TaskArtifact(key, safeName, file.Length);
    }

    public Stream? OpenRead(string fileKey)
    {
        if (!KeyShape().IsMatch(fileKey)) return null;
        var path = Path.Combine(_root, fileKey);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void Delete(IEnumerable<string> fileKeys)
    {
        foreach (var key in fileKeys)
        {
            if (!KeyShape().IsMatch(key)) continue;
            var path = Path.Combine(_root, key);
            if (File.Exists(path)) File.Delete(path);
        }
    }

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeChars();

    [GeneratedRegex(@"^[0-9]+/[0-9a-f]{32}-[A-Za-z0-9._-]+$")]
    private static partial Regex KeyShape();
}
