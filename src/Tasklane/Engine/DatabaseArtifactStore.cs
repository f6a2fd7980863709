namespace Tasklane;

/// <summary>
/// Artifacts kept in the database (<see cref="IFileStore"/>), so that any node sharing it serves them, up to
/// <see cref="TasklaneOptions.MaxDatabaseArtifactBytes"/> each. A file the node kept in its artifacts folder before
/// the database kept them is still read from there (<paramref name="earlier"/>).
/// </summary>
internal sealed class DatabaseArtifactStore(IFileStore files, long maxBytes, TimeProvider time, FileArtifactStore earlier) : IArtifactStore
{
    public async Task<TaskArtifact> SaveAsync(long taskId, string name, Stream content, CancellationToken cancellationToken)
    {
        var (key, safeName) = ArtifactKey.New(taskId, name);
        var bytes = await ReadUpToAsync(content, maxBytes, cancellationToken)
            ?? throw new ArtifactTooLargeException(
                $"The artifact '{safeName}' is larger than {maxBytes} bytes, the most an artifact kept in the database may hold " +
                "(TasklaneOptions.MaxDatabaseArtifactBytes). Raise that limit, or set TasklaneOptions.ArtifactsPath to a folder " +
                "every node shares to keep artifacts as files.");
        await files.SaveArtifactAsync(key, taskId, bytes, time.GetUtcNow(), cancellationToken);
        return new TaskArtifact(key, safeName, bytes.Length);
    }

    public async Task<Stream?> OpenReadAsync(string fileKey, CancellationToken cancellationToken)
    {
        if (!ArtifactKey.IsValid(fileKey)) return null;
        return await files.ReadArtifactAsync(fileKey, cancellationToken) is { } bytes
            ? new MemoryStream(bytes, writable: false)
            : await earlier.OpenReadAsync(fileKey, cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyList<string> fileKeys, CancellationToken cancellationToken)
    {
        var valid = fileKeys.Where(ArtifactKey.IsValid).ToList();
        await files.DeleteArtifactsAsync(valid, cancellationToken);
        await earlier.DeleteAsync(valid, cancellationToken);
    }

    /// <summary>The stream's bytes, or null when it holds more than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadUpToAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
