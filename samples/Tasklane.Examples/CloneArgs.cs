namespace Tasklane.Examples;

/// <summary>What the subtask-only clone step of the subtasks example reads from its task's data.</summary>
public sealed record CloneArgs(string Template);
