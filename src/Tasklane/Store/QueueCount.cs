namespace Tasklane;

/// <summary>How many non-deleted tasks (or, with <paramref name="Subtask"/>, subtasks) of one queue have one status.</summary>
/// <param name="Queue">The queue name.</param>
/// <param name="Status">The status.</param>
/// <param name="Count">How many.</param>
/// <param name="Subtask">True: these are subtasks; false: top-level tasks.</param>
public sealed record QueueCount(string Queue, TaskState Status, long Count, bool Subtask = false);
