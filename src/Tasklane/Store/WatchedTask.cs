namespace Tasklane;

/// <summary>A task as a live view sees it: the row, and the sequence number of its last log line in the store.</summary>
/// <param name="Task">The task.</param>
/// <param name="LastSeq">The last log line's sequence number, 0 when it has none in the store.</param>
public sealed record WatchedTask(TaskRow Task, long LastSeq);
