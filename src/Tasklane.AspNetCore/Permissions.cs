namespace Tasklane;

/// <summary>The permission strings of the HTTP API and the built-in roles that grant them.</summary>
public static class Permissions
{
    /// <summary>List tasks.</summary>
    public const string TaskList = "task:list";
    /// <summary>View one task, its status, logs, events and artifact.</summary>
    public const string TaskView = "task:view";
    /// <summary>See every user's tasks, not only one's own.</summary>
    public const string TaskViewAll = "task:view_all";
    /// <summary>Create tasks.</summary>
    public const string TaskCreate = "task:create";
    /// <summary>Cancel tasks.</summary>
    public const string TaskCancel = "task:cancel";
    /// <summary>Retry failed or cancelled tasks.</summary>
    public const string TaskRetry = "task:retry";
    /// <summary>Run due-later tasks now.</summary>
    public const string TaskExecute = "task:execute";
    /// <summary>Delete tasks and clean up old ones.</summary>
    public const string TaskDelete = "task:delete";
    /// <summary>View subtasks.</summary>
    public const string SubtaskView = "subtask:view";
    /// <summary>Retry subtasks.</summary>
    public const string SubtaskRetry = "subtask:retry";
    /// <summary>List schedules.</summary>
    public const string TaskScheduleList = "task:schedule:list";
    /// <summary>Toggle and trigger schedules.</summary>
    public const string TaskScheduleUpdate = "task:schedule:update";
    /// <summary>List workers.</summary>
    public const string WorkerList = "worker:list";
    /// <summary>Change workers.</summary>
    public const string WorkerUpdate = "worker:update";
    /// <summary>View statistics.</summary>
    public const string StatsView = "stats:view";
    /// <summary>View system settings.</summary>
    public const string SystemSettingsView = "system:settings:view";
    /// <summary>Change system settings.</summary>
    public const string SystemSettingsUpdate = "system:settings:update";
    /// <summary>Manage users and custom roles.</summary>
    public const string UserManage = "user:manage";
    /// <summary>Pause, resume and limit queues.</summary>
    public const string QueueUpdate = "queue:update";
    /// <summary>Read the audit log.</summary>
    public const string AuditView = "audit:view";

    /// <summary>The administrator role: every permission.</summary>
    public const string AdminRole = "admin";
    /// <summary>The operator role: every task, subtask, schedule, worker and stats permission, but not view-all, settings update or user management.</summary>
    public const string OperatorRole = "operator";
    /// <summary>The viewer role: list and view tasks and subtasks, view statistics.</summary>
    public const string ViewerRole = "viewer";

    /// <summary>Every permission, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TaskList, TaskView, TaskViewAll, TaskCreate, TaskCancel, TaskRetry, TaskExecute, TaskDelete,
        SubtaskView, SubtaskRetry, TaskScheduleList, TaskScheduleUpdate, WorkerList, WorkerUpdate,
        StatsView, SystemSettingsView, SystemSettingsUpdate, UserManage, QueueUpdate, AuditView,
    ];

    /// <summary>The built-in roles with their permissions.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [AdminRole] = All,
        [OperatorRole] =
        [
            TaskList, TaskView, TaskCreate, TaskCancel, TaskRetry, TaskExecute, TaskDelete,
            SubtaskView, SubtaskRetry, TaskScheduleList, TaskScheduleUpdate, WorkerList, WorkerUpdate,
            StatsView, SystemSettingsView, QueueUpdate,
        ],
        [ViewerRole] = [TaskList, TaskView, SubtaskView, StatsView],
    };

    /// <summary>The roles that grant <paramref name="permission"/>, e.g. those that can manage users.</summary>
    public static IReadOnlyList<string> RolesWith(string permission) =>
        [.. Roles.Where(r => r.Value.Contains(permission, StringComparer.Ordinal)).Select(r => r.Key)];

    /// <summary>The permissions of a built-in role; none for another role.</summary>
    public static IReadOnlyList<string> ForRole(string role) =>
        Roles.TryGetValue(role, out var permissions) ? permissions : [];

    /// <summary>
    /// What a user may do: its built-in role's permissions, or its custom role's (as the store read them with the
    /// user), and its extra permissions; in contract order, unknown names left out.
    /// </summary>
    public static IReadOnlyList<string> Effective(UserRow user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var granted = new HashSet<string>(ForRole(user.Role), StringComparer.Ordinal);
        granted.UnionWith(user.RolePermissions ?? []);
        granted.UnionWith(user.Permissions);
        return [.. All.Where(granted.Contains)];
    }

    /// <summary>True for the names of the built-in roles, which cannot be changed or deleted.</summary>
    public static bool IsBuiltInRole(string role) => Roles.ContainsKey(role);
}
