namespace Tasklane.Storage;

public abstract partial class SqlTaskStore : IFileStore
{
    /// <inheritdoc />
    public abstract bool FilesInDatabaseByDefault { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<string>>(write: false, async session =>
            await session.Command("key_ring_list").ReadAllAsync(r => r.GetString(0), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task AddKeyRingElementAsync(string name, string xml, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(xml);
        return RunAsync(write: true, session => session.Command("key_ring_insert")
            .With("name", name).With("xml", xml).With("now", now)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveArtifactAsync(string fileKey, long taskId, byte[] content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileKey);
        ArgumentNullException.ThrowIfNull(content);
        return RunAsync(write: true, session => session.Command("artifact_insert")
            .With("file_key", fileKey).With("task_id", taskId).With("size", (long)content.Length).With("content", content).With("now", now)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadArtifactAsync(string fileKey, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
            (await session.Command("artifact_get").With("file_key", fileKey).ReadAllAsync(r => (byte[])r.GetValue(0), cancellationToken)).FirstOrDefault(),
            cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteArtifactsAsync(IReadOnlyList<string> fileKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileKeys);
        if (fileKeys.Count == 0) return Task.FromResult(0);
        return RunAsync(write: true, session => session.Command("artifacts_delete").WithList("file_keys", fileKeys)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LastArchivedLogSeqAsync(long taskId, CancellationToken cancellationToken) =>
        RunAsync(write: false, async session =>
            Convert.ToInt64(await session.Command("log_archive_last").With("task_id", taskId).ExecuteScalarAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    /// <inheritdoc />
    public Task AddLogArchiveAsync(LogArchiveChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return RunAsync(write: true, session => session.Command("log_archive_insert")
            .With("task_id", chunk.TaskId).With("last_seq", chunk.LastSeq).With("first_seq", chunk.FirstSeq)
            .With("lines", chunk.Lines).With("content", chunk.Content)
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LogArchiveChunk>> ReadLogArchivesAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<LogArchiveChunk>>(write: false, async session =>
            await session.Command("log_archive_get").With("task_id", taskId).With("after", afterSeq).With("limit", Math.Max(limit, 0))
                .ReadAllAsync(r => new LogArchiveChunk(taskId, r.GetInt64(0), r.GetInt64(1), Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), (byte[])r.GetValue(3)), cancellationToken),
            cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteLogArchivesAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count == 0) return Task.FromResult(0);
        return RunAsync(write: true, async session =>
            (int)(await session.Command("log_archives_delete").WithList("task_ids", taskIds)
                .ReadAllAsync(r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken)).Sum(),
            cancellationToken);
    }
}
