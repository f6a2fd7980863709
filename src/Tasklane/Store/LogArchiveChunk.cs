namespace Tasklane;

/// <summary>One chunk of a task's archived log as <see cref="IFileStore"/> keeps it.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="FirstSeq">The sequence number of its first line.</param>
/// <param name="LastSeq">The sequence number of its last line.</param>
/// <param name="Lines">How many lines it holds.</param>
/// <param name="Content">The lines, as gzip-compressed JSON lines.</param>
public sealed record LogArchiveChunk(long TaskId, long FirstSeq, long LastSeq, int Lines, byte[] Content);
