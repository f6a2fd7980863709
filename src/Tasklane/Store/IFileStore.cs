namespace Tasklane;

/// <summary>
/// The files a node would otherwise keep on its own disk, kept in the database so that every node sharing it reads
/// them: the elements of Tasklane's key ring (the keys that protect worker secrets), artifacts, and finished tasks'
/// archived log lines. Both SQL stores implement it; <see cref="TasklaneOptions.FilesInDatabase"/> says whether it is
/// used (by default on PostgreSQL, not on SQLite).
/// </summary>
public interface IFileStore
{
    /// <summary>Whether this store keeps the files when <see cref="TasklaneOptions.FilesInDatabase"/> is not set: true for a store several nodes share.</summary>
    bool FilesInDatabaseByDefault { get; }

    /// <summary>Every element of the key ring (XML), oldest first.</summary>
    Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken cancellationToken);

    /// <summary>Adds an element of the key ring under its name; an element of that name already kept stays.</summary>
    Task AddKeyRingElementAsync(string name, string xml, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps the bytes of an artifact under a new file key.</summary>
    Task SaveArtifactAsync(string fileKey, long taskId, byte[] content, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The bytes of an artifact, or null when none is kept under the key.</summary>
    Task<byte[]?> ReadArtifactAsync(string fileKey, CancellationToken cancellationToken);

    /// <summary>Removes artifacts by file key (retention); unknown keys are ignored. Returns how many went.</summary>
    Task<int> DeleteArtifactsAsync(IReadOnlyList<string> fileKeys, CancellationToken cancellationToken);

    /// <summary>The last sequence number a task's archived log chunks hold, 0 when it has none.</summary>
    Task<long> LastArchivedLogSeqAsync(long taskId, CancellationToken cancellationToken);

    /// <summary>Adds a chunk of a task's archived log; a chunk with the same task and last sequence number already kept stays.</summary>
    Task AddLogArchiveAsync(LogArchiveChunk chunk, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> archived chunks of a task holding lines after <paramref name="afterSeq"/>, oldest first.</summary>
    Task<IReadOnlyList<LogArchiveChunk>> ReadLogArchivesAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the archived chunks of tasks; the number of log lines they held.</summary>
    Task<int> DeleteLogArchivesAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken);
}
