namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <summary>One row per dependency.</summary>
    private protected override async Task InsertDependenciesAsync(StoreSession session, long taskId, IReadOnlyList<long> dependsOn, CancellationToken cancellationToken)
    {
        foreach (var dependency in dependsOn)
        {
            await session.Command("dependency_insert").With("task_id", taskId).With("depends_on_id", dependency)
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Running subtasks are asked to stop first; then pending ones end as on every store.</summary>
    private protected override async Task CancelSubtasksAsync(StoreSession session, TaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.Command("subtasks_request_cancel").With("id", task.Id).With("now", now).ExecuteNonQueryAsync(cancellationToken);
        await base.CancelSubtasksAsync(session, task, now, cancellationToken);
    }

    /// <summary>A completed handler whose subtasks are unfinished leaves its task running, awaiting them. True when it did.</summary>
    private static async Task<bool> AwaitSubtasksAsync(StoreSession session, TaskOutcome o, CancellationToken cancellationToken)
    {
        var counts = await CountChildrenAsync(session, o.TaskId, cancellationToken);
        var total = counts.Values.Sum();
        var done = counts[TaskState.Completed];
        if (total == 0 || done == total) return false;
        var changed = await session.Command("task_await_subtasks")
            .With("id", o.TaskId).With("node", o.NodeId).With("attempt", o.Attempt).With("now", o.Now)
            .With("artifact_key", o.Artifact?.FileKey).With("artifact_name", o.Artifact?.Name).With("artifact_size", o.Artifact?.Size)
            .ExecuteNonQueryAsync(cancellationToken);
        if (changed > 0)
        {
            await LogAsync(session, o.TaskId, o.Now, "info", $"Waiting for {total - done} of {total} subtasks", cancellationToken);
            // A step may have failed or been cancelled already: then the parent ends now, not at the next change.
            await RefreshParentAsync(session, o.TaskId, o.Now, cancellationToken);
        }
        return true;
    }

    /// <summary>Recomputes the parents of the given tasks one by one.</summary>
    private protected override async Task RefreshParentsAsync(StoreSession session, IReadOnlyList<long> childIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (childIds.Count == 0) return;
        var parents = await ReadIdsAsync(session.Command("parents_of").WithList("ids", childIds), cancellationToken);
        foreach (var parentId in parents) await RefreshParentAsync(session, parentId, now, cancellationToken);
    }

    /// <summary>Recomputes one parent: its progress, and its end when it awaits its subtasks.</summary>
    private static async Task RefreshParentAsync(StoreSession session, long parentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await CountChildrenAsync(session, parentId, cancellationToken);
        var total = counts.Values.Sum();
        if (total == 0) return;
        var progress = Math.Round(100.0 * counts[TaskState.Completed] / total, 2);
        await session.Command("parent_progress").With("id", parentId).With("progress", progress).With("now", now).ExecuteNonQueryAsync(cancellationToken);
        string? status = null, error = null, message = null;
        if (counts[TaskState.Failed] > 0)
        {
            var (name, reason) = await FirstWithStatusAsync(session, parentId, "failed", cancellationToken);
            (status, error, message) = ("failed", $"Subtask '{name}' failed: {reason}", $"Subtask '{name}' failed: {reason}");
        }
        else if (counts[TaskState.Cancelled] > 0)
        {
            var (name, _) = await FirstWithStatusAsync(session, parentId, "cancelled", cancellationToken);
            (status, message) = ("cancelled", $"Subtask '{name}' was cancelled");
        }
        else if (counts[TaskState.Completed] == total)
        {
            (status, message) = ("completed", $"All {total} subtasks completed");
        }
        if (status is null) return;
        var finished = await session.Command("parent_finish")
            .With("id", parentId).With("status", status).With("progress", progress).With("error", error).With("now", now)
            .ExecuteNonQueryAsync(cancellationToken);
        if (finished > 0) await LogAsync(session, parentId, now, status == "failed" ? "error" : "info", message!, cancellationToken);
    }

    private static async Task<(string Name, string Reason)> FirstWithStatusAsync(StoreSession session, long parentId, string status, CancellationToken cancellationToken)
    {
        await using var reader = await session.Command("subtask_first_with_status").With("id", parentId).With("status", status).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.IsDBNull(0) ? "?" : reader.GetString(0), reader.IsDBNull(1) ? status : reader.GetString(1))
            : ("?", status);
    }
}
