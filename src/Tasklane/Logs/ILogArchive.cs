namespace Tasklane;

/// <summary>
/// Where the <c>file</c> log storage keeps the lines it moves out of the task log table: files in a folder
/// (<see cref="TaskLogFiles"/>) or chunks in the database (<see cref="DatabaseLogArchive"/>), as
/// <see cref="TasklaneOptions.FilesInDatabase"/> and <see cref="TasklaneOptions.LogsPath"/> say.
/// </summary>
internal interface ILogArchive
{
    /// <summary>Appends the lines the archive does not hold yet (by sequence number); false when another writer holds the task's archive.</summary>
    Task<bool> AppendAsync(long taskId, IReadOnlyList<TaskLogLine> lines, CancellationToken cancellationToken);

    /// <summary>The task's archived lines after <paramref name="afterSeq"/>, oldest first, up to <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TaskLogLine>> ReadAsync(long taskId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The task's archived lines, oldest first, in pages of up to <paramref name="pageSize"/>.</summary>
    IAsyncEnumerable<IReadOnlyList<TaskLogLine>> ReadPagesAsync(long taskId, int pageSize, CancellationToken cancellationToken);

    /// <summary>Removes the archives of tasks that no longer exist → the log lines they held.</summary>
    Task<int> DeleteAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken);
}
