namespace Tasklane;

/// <summary>How many non-deleted tasks of one queue have one status.</summary>
/// <param name="Queue">The queue name.</param>
/// <param name="Status">The status.</param>
/// <param name="Count">How many.</param>
public sealed record QueueCount(string Queue, TaskState Status, long Count);
