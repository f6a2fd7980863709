namespace Tasklane.Storage;

/// <summary>Enum values as the lower-case text the stores keep, and back (shared by every SQL store).</summary>
public static class StoreText
{
    /// <summary>The text of a status.</summary>
    public static string Of(TaskState state) => state switch
    {
        TaskState.Pending => "pending",
        TaskState.Running => "running",
        TaskState.Completed => "completed",
        TaskState.Failed => "failed",
        TaskState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown task status."),
    };

    /// <summary>The text of a priority.</summary>
    public static string Of(TaskPriority priority) => priority switch
    {
        TaskPriority.High => "high",
        TaskPriority.Normal => "normal",
        TaskPriority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown task priority."),
    };

    /// <summary>The text of a category.</summary>
    public static string Of(TaskCategory category) => category switch
    {
        TaskCategory.User => "user",
        TaskCategory.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown task category."),
    };

    /// <summary>A status from its text.</summary>
    public static TaskState State(string text) => text switch
    {
        "pending" => TaskState.Pending,
        "running" => TaskState.Running,
        "completed" => TaskState.Completed,
        "failed" => TaskState.Failed,
        "cancelled" => TaskState.Cancelled,
        _ => throw new FormatException($"Unknown task status '{text}' in the database."),
    };

    /// <summary>A priority from its text.</summary>
    public static TaskPriority Priority(string text) => text switch
    {
        "high" => TaskPriority.High,
        "normal" => TaskPriority.Normal,
        "low" => TaskPriority.Low,
        _ => throw new FormatException($"Unknown task priority '{text}' in the database."),
    };

    /// <summary>A category from its text.</summary>
    public static TaskCategory Category(string text) => text switch
    {
        "user" => TaskCategory.User,
        "system" => TaskCategory.System,
        _ => throw new FormatException($"Unknown task category '{text}' in the database."),
    };
}
