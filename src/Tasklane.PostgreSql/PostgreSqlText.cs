namespace Tasklane.PostgreSql;

/// <summary>Enum values as the lower-case text the schema stores, and back.</summary>
internal static class PostgreSqlText
{
    public static string Of(TaskState state) => state switch
    {
        TaskState.Pending => "pending",
        TaskState.Running => "running",
        TaskState.Completed => "completed",
        TaskState.Failed => "failed",
        TaskState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown task status."),
    };

    public static string Of(TaskPriority priority) => priority switch
    {
        TaskPriority.High => "high",
        TaskPriority.Normal => "normal",
        TaskPriority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown task priority."),
    };

    public static string Of(TaskCategory category) => category switch
    {
        TaskCategory.User => "user",
        TaskCategory.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown task category."),
    };

    public static TaskState State(string text) => text switch
    {
        "pending" => TaskState.Pending,
        "running" => TaskState.Running,
        "completed" => TaskState.Completed,
        "failed" => TaskState.Failed,
        "cancelled" => TaskState.Cancelled,
        _ => throw new FormatException($"Unknown task status '{text}' in the database."),
    };

    public static TaskPriority Priority(string text) => text switch
    {
        "high" => TaskPriority.High,
        "normal" => TaskPriority.Normal,
        "low" => TaskPriority.Low,
        _ => throw new FormatException($"Unknown task priority '{text}' in the database."),
    };

    public static TaskCategory Category(string text) => text switch
    {
        "user" => TaskCategory.User,
        "system" => TaskCategory.System,
        _ => throw new FormatException($"Unknown task category '{text}' in the database."),
    };
}
