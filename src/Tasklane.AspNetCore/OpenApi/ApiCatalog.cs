namespace Tasklane.AspNetCore;

/// <summary>
/// The routes of <c>http-api.md</c> as the OpenAPI document describes them. The handlers read their query and body
/// themselves (to answer bad input with problem+json naming the field), so the document learns them from here;
/// a test checks that every API route mapped by <c>MapTasklane</c> has its entry. A query parameter not listed
/// for its route is refused with a 400 (<see cref="QueryParameterFilter"/>): a handler that reads a new one
/// declares it here.
/// </summary>
internal static class ApiCatalog
{
    private static readonly ApiQueryParameter[] TaskFilters =
    [
        new("current", "integer", "Page, from 1"),
        new("page_size", "integer", "Items per page (at most 200)"),
        new("after_id", "integer", "Keyset cursor: the page after this task id (the next_after_id of the previous page); current is then ignored"),
        new("search", "string", "Id, worker, action, message, data, or the error of a failed task"),
        new("status", "string", "pending | running | completed | failed | cancelled"),
        new("user", "string", "Part of the creator's username"),
        new("worker", "string", "Worker identifier"),
        new("action", "string", "Action name"),
        new("queue", "string", "Queue name"),
        new("id", "integer", "Task id"),
        new("from", "string", "Created at or after (ISO 8601)"),
        new("to", "string", "Created at or before (ISO 8601)"),
        new("object_type", "string", "Linked object's type"),
        new("object_id", "string", "Linked object's id"),
        new("category", "string", "user | system"),
        // Task data (tags, links, run history).
        new("tag", "string", "A tag; several tag= mean all of them"),
        new("schedule_id", "string", "The schedule that fired the tasks (its run history)"),
    ];

    /// <summary>The list's filters (its parameters but paging): what a bulk call's <c>filter</c> may hold.</summary>
    public static IReadOnlySet<string> TaskFilterNames { get; } =
        TaskFilters.Select(f => f.Name).Except(["current", "page_size", "after_id"]).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Detail = new()
    {
        ["data"] = "any", ["subtask_counts"] = "object", ["name"] = "string", ["awaiting_subtasks"] = "boolean", ["stack_trace"] = "string",
    };

    /// <summary>Every documented route.</summary>
    public static IReadOnlyList<ApiOperation> Operations { get; } =
    [
        new("POST", "/api/auth/login", "Authentication", "Sign in: a bearer token, and the console's session cookie") { Body = typeof(LoginRequest) },
        new("POST", "/api/auth/logout", "Authentication", "End the session and revoke the token"),
        new("GET", "/api/auth/me", "Authentication", "The current user with its permissions"),
        new("GET", "/api/auth/antiforgery", "Authentication", "The anti-forgery token for cookie-authenticated writes"),

        new("GET", "/api/users", "Users", "Users", Permissions.UserManage) { Response = typeof(UserDto), Shape = ResponseShape.Items },
        new("POST", "/api/users", "Users", "Create a user", Permissions.UserManage) { Body = typeof(CreateUserRequest), Response = typeof(UserDto), Status = 201 },
        new("GET", "/api/users/{id}", "Users", "One user", Permissions.UserManage) { Response = typeof(UserDto) },
        new("PUT", "/api/users/{id}", "Users", "Change a user's password, role, extra permissions or disabled flag", Permissions.UserManage)
        {
            Body = typeof(UpdateUserRequest), Response = typeof(UserDto),
        },
        new("DELETE", "/api/users/{id}", "Users", "Delete a user", Permissions.UserManage),
        new("GET", "/api/roles", "Users", "The built-in and custom roles with their permissions", Permissions.UserManage) { Response = typeof(RoleDto), Shape = ResponseShape.Items },
        new("POST", "/api/roles", "Users", "Create a custom role", Permissions.UserManage) { Body = typeof(RoleRequest), Response = typeof(RoleDto), Status = 201 },
        new("PUT", "/api/roles/{name}", "Users", "Replace a custom role's permissions (built-in roles: 409)", Permissions.UserManage)
        {
            Body = typeof(RoleRequest), Response = typeof(RoleDto),
        },
        new("DELETE", "/api/roles/{name}", "Users", "Delete a custom role (409 while a user holds it)", Permissions.UserManage),
        new("GET", "/api/audit", "Users", "The audit log, newest first", Permissions.AuditView)
        {
            Response = typeof(AuditDto), Shape = ResponseShape.Items,
            Envelope = new Dictionary<string, string> { ["total"] = "integer", ["current"] = "integer", ["page_size"] = "integer" },
            Query =
            [
                new("current", "integer", "Page, from 1"),
                new("page_size", "integer", "Entries per page (at most 200)"),
                new("actor", "string", "The acting user's name (exact, case-insensitive)"),
                new("action", "string", "The action (task.cancel), or a family (role.*)"),
                new("target_type", "string", "task | subtask | schedule | worker | settings | user | role"),
                new("target_id", "string", "The target's id or name"),
                new("from", "string", "At or after (ISO 8601)"),
                new("to", "string", "At or before (ISO 8601)"),
            ],
        },

        new("GET", "/api/tasks", "Tasks", "Tasks, newest first", Permissions.TaskList) { Query = TaskFilters, Response = typeof(TaskDto), Shape = ResponseShape.Page },
        new("POST", "/api/tasks", "Tasks", "Create a task", Permissions.TaskCreate) { Body = typeof(CreateTaskRequest), Response = typeof(TaskDto), Extra = Detail, Status = 201 },
        new("POST", "/api/tasks/batch", "Tasks", "Create 1 to 1,000 tasks, all or none, in one transaction", Permissions.TaskCreate)
        {
            Body = typeof(CreateTaskBatchRequest), Response = typeof(TaskDto), Extra = Detail, Shape = ResponseShape.Items, Status = 201,
        },
        new("POST", "/api/tasks/bulk", "Tasks", "Retry, cancel, delete or run now many tasks, by ids or by the list's filters (needs the action's permission)")
        {
            Body = typeof(TaskBulkRequest), Response = typeof(TaskBulkDto),
        },
        new("GET", "/api/tasks/{id}", "Tasks", "A task with its data and subtask counts", Permissions.TaskView) { Response = typeof(TaskDto), Extra = Detail },
        new("POST", "/api/tasks/{id}/clone", "Tasks", "Run again: a new task with the same worker and action, the given fields replaced (needs task:view too)", Permissions.TaskCreate)
        {
            Body = typeof(CloneTaskRequest), Response = typeof(TaskDto), Extra = Detail, Status = 201,
        },
        new("DELETE", "/api/tasks/{id}", "Tasks", "Soft-delete a task (409 while running)", Permissions.TaskDelete),
        new("GET", "/api/tasks/{id}/status", "Tasks", "The quick status poll", Permissions.TaskView),
        new("GET", "/api/tasks/{id}/logs", "Tasks", "Log lines, oldest first", Permissions.TaskView)
        {
            Response = typeof(LogLineDto), Shape = ResponseShape.Items, Envelope = new Dictionary<string, string> { ["last_seq"] = "integer" },
            Query = [new("after", "integer", "Only lines after this sequence number"), new("limit", "integer", "At most this many lines (default 1000, max 5000)")],
        },
        new("GET", "/api/tasks/{id}/logs/export", "Tasks", "The log as a file to download", Permissions.TaskView)
        {
            Query = [new("format", "string", "html (default) | text")],
        },
        new("GET", "/api/tasks/{id}/events", "Tasks", "Server-Sent Events: status, progress and log until the task ends", Permissions.TaskView)
        {
            Query = [new("after", "integer", "Only log lines after this sequence number (a reconnect's Last-Event-ID wins when later)")],
        },
        new("GET", "/api/tasks/{id}/artifact", "Tasks", "The task's result file", Permissions.TaskView),
        new("POST", "/api/tasks/{id}/cancel", "Tasks", "Cancel: pending at once, running through its token", Permissions.TaskCancel) { Response = typeof(TaskDto) },
        new("POST", "/api/tasks/{id}/retry", "Tasks", "Retry a failed or cancelled task", Permissions.TaskRetry) { Response = typeof(TaskDto) },
        new("POST", "/api/tasks/{id}/execute", "Tasks", "Run a pending task due later now", Permissions.TaskExecute) { Response = typeof(TaskDto) },
        new("POST", "/api/tasks/process-pending", "Tasks", "Run every due-later pending task now", Permissions.TaskExecute),
        new("POST", "/api/tasks/cleanup", "Tasks", "Remove completed tasks older than some days, with their logs", Permissions.TaskDelete) { Body = typeof(CleanupRequest) },
        new("GET", "/api/user-tasks", "Tasks", "The caller's 10 most recent tasks") { Response = typeof(TaskDto), Shape = ResponseShape.Items },
        new("GET", "/api/failed-tasks", "Tasks", "Failed tasks with their error and stack trace", Permissions.TaskList)
        {
            Query = TaskFilters, Response = typeof(TaskDto), Shape = ResponseShape.Page,
            Extra = new Dictionary<string, string> { ["stack_trace"] = "string", ["store"] = "string" },
        },

        new("GET", "/api/tasks/{id}/subtasks", "Subtasks", "A task's subtasks", Permissions.SubtaskView) { Response = typeof(SubtaskDto), Shape = ResponseShape.Items },
        new("GET", "/api/subtasks/{id}", "Subtasks", "One subtask", Permissions.SubtaskView) { Response = typeof(SubtaskDto) },
        new("POST", "/api/subtasks/{id}/retry", "Subtasks", "Retry a failed subtask within the retry window", Permissions.SubtaskRetry) { Response = typeof(SubtaskDto) },

        new("GET", "/api/workers", "Workers", "Workers with their actions, state and nodes", Permissions.WorkerList) { Response = typeof(WorkerDto), Shape = ResponseShape.Items },
        new("POST", "/api/workers/discover", "Workers", "Register the worker classes found in the loaded assemblies", Permissions.WorkerUpdate),
        new("POST", "/api/workers/rescan", "Workers", "Refresh the known workers' metadata", Permissions.WorkerUpdate),
        new("POST", "/api/workers/clean-orphaned", "Workers", "Remove workers whose class no longer exists", Permissions.WorkerUpdate),
        new("POST", "/api/workers/{identifier}/activate", "Workers", "Let a worker take new tasks", Permissions.WorkerUpdate),
        new("POST", "/api/workers/{identifier}/deactivate", "Workers", "Stop a worker taking new tasks (queued ones still run)", Permissions.WorkerUpdate),
        new("GET", "/api/workers/{identifier}/settings", "Workers", "A worker's settings (secrets masked) and schedule", Permissions.WorkerList),
        new("PUT", "/api/workers/{identifier}/settings", "Workers", "Change a worker's settings and schedule", Permissions.WorkerUpdate),
        new("GET", "/api/queues", "Workers", "Queues with their counts, concurrency and nodes", Permissions.TaskList) { Response = typeof(QueueDto), Shape = ResponseShape.Items },
        new("PUT", "/api/queues/{name}", "Workers", "Pause or resume a queue, set its global concurrency and rate per second", Permissions.QueueUpdate)
        {
            Body = typeof(QueueUpdateBody), Response = typeof(QueueDto),
        },
        new("GET", "/api/nodes", "Workers", "Nodes with their heartbeat and load", Permissions.TaskList) { Response = typeof(NodeDto), Shape = ResponseShape.Items },

        new("GET", "/api/task-schedules", "Schedules", "Schedules with their next and last runs", Permissions.TaskScheduleList) { Response = typeof(ScheduleDto), Shape = ResponseShape.Items },
        new("POST", "/api/task-schedules/{id}/toggle", "Schedules", "Enable or disable a schedule", Permissions.TaskScheduleUpdate),
        new("POST", "/api/task-schedules/{id}/trigger", "Schedules", "Run a schedule once now", Permissions.TaskScheduleUpdate) { Response = typeof(TaskDto), Status = 201 },

        new("GET", "/api/stats", "Statistics", "Counts, rates, durations, per-worker rows and a time series", Permissions.StatsView)
        {
            Response = typeof(StatsDto),
            Query = [new("from", "string", "Start (ISO 8601; default: start of today, UTC)"), new("to", "string", "End (ISO 8601; default: now)")],
        },
        new("GET", "/api/system/task-settings", "Settings", "System settings", Permissions.SystemSettingsView),
        new("PUT", "/api/system/task-settings", "Settings", "Change system settings", Permissions.SystemSettingsUpdate) { Body = typeof(SettingsRequest) },
        new("GET", "/api/system/task-settings/log-storage-backends", "Settings", "The log storage backends", Permissions.SystemSettingsView),
        // Webhooks (alerts); POST /api/webhooks/{id}/test is an addition to http-api.md (docs/webhooks.md).
        new("GET", "/api/webhooks", "Settings", "Webhooks with their newest delivery (the secret is never returned)", Permissions.SystemSettingsView)
        {
            Response = typeof(WebhookDto), Shape = ResponseShape.Items,
        },
        new("POST", "/api/webhooks", "Settings", "Create a webhook for task.failed, task.completed and queue.stalled, signed with its secret", Permissions.SystemSettingsUpdate)
        {
            Body = typeof(CreateWebhookRequest), Response = typeof(WebhookDto), Status = 201,
        },
        new("DELETE", "/api/webhooks/{id}", "Settings", "Delete a webhook and its deliveries", Permissions.SystemSettingsUpdate),
        new("POST", "/api/webhooks/{id}/test", "Settings", "Send a webhook.test event to the hook now", Permissions.SystemSettingsUpdate) { Status = 202 },
        new("GET", "/healthz", "Health", "200 when the store answers"),
    ];

    /// <summary>The entry of a route, given its method and its path below the prefix (e.g. <c>/api/tasks/{id}</c>).</summary>
    public static ApiOperation? Find(string method, string path) =>
        Operations.FirstOrDefault(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && o.Path == path);
}
