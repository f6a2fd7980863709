namespace Tasklane;

/// <summary>Artifacts as files in a folder: <c>{task id}/{random}-{name}</c>.</summary>
internal sealed class FileArtifactStore(string root) : IArtifactStore
{
    public async Task<TaskArtifact> SaveAsync(long taskId, string name, Stream content, CancellationToken cancellationToken)
    {
        var (key, safeName) = ArtifactKey.New(taskId, name);
        var path = Path.Combine(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await content.CopyToAsync(file, cancellationToken);
        return new TaskArtifact(key, safeName, file.Length);
    }

    public Task<Stream?> OpenReadAsync(string fileKey, CancellationToken cancellationToken)
    {
        if (!ArtifactKey.IsValid(fileKey)) return Task.FromResult<Stream?>(null);
        var path = Path.Combine(root, fileKey);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task DeleteAsync(IReadOnlyList<string> fileKeys, CancellationToken cancellationToken)
    {
        foreach (var key in fileKeys)
        {
            if (!ArtifactKey.IsValid(key)) continue;
            var path = Path.Combine(root, key);
            if (File.Exists(path)) File.Delete(path);
        }
        return Task.CompletedTask;
    }
}
