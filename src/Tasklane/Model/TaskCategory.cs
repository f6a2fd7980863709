namespace Tasklane;

/// <summary>Who a task is for: a user's own work, or the system's (schedules, maintenance).</summary>
public enum TaskCategory
{
    /// <summary>Created on behalf of a user.</summary>
    User,
    /// <summary>Created by the system, for example by a schedule.</summary>
    System,
}
