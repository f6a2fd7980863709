namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRow>> CreateSubtasksAsync(long parentId, IReadOnlyList<SubtaskParams> subtasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subtasks);
        return RunAsync<IReadOnlyList<TaskRow>>(write: true, async session =>
        {
            var rows = new List<TaskRow>(subtasks.Count);
            foreach (var subtask in subtasks)
            {
                var p = subtask.Task with { ParentId = parentId };
                var existing = p.Name is null ? null : await ReadTaskAsync(session.Command("subtask_find")
                    .With("parent_id", parentId).With("name", p.Name), cancellationToken);
                var row = existing ?? await InsertTaskAsync(session, p, cancellationToken);
                if (existing is null)
                {
                    var dependsOn = subtask.DependsOnIndexes.Select(i => rows[i].Id).Concat(subtask.DependsOnIds).Distinct();
                    foreach (var dependency in dependsOn)
                    {
                        await session.Command("dependency_insert").With("task_id", row.Id).With("depends_on_id", dependency)
                            .ExecuteNonQueryAsync(cancellationToken);
                    }
                }
                rows.Add(row);
            }
            return rows;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, IReadOnlyList<long>>> GetDependenciesAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<long, IReadOnlyList<long>>>(write: false, async session =>
        {
            var map = taskIds.Distinct().ToDictionary(id => id, _ => new List<long>());
            await using var reader = await session.Command("dependencies_get").WithJson("ids", taskIds).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) map[reader.GetInt64(0)].Add(reader.GetInt64(1));
            return map.ToDictionary(e => e.Key, e => (IReadOnlyList<long>)e.Value);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<TaskState, long>> CountSubtasksAsync(long parentId, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<TaskState, long>>(write: false, session => CountChildrenAsync(session, parentId, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyDictionary<TaskState, long>> CountChildrenAsync(SqliteSession session, long parentId, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
        await using var reader = await session.Command("subtask_counts").With("id", parentId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[StoreText.State(reader.GetString(0))] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>A completed handler whose subtasks are unfinished leaves its task running, awaiting them. True when it did.</summary>
    private static async Task<bool> AwaitSubtasksAsync(SqliteSession session, TaskOutcome o, CancellationToken cancellationToken)
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

    /// <summary>Recomputes the parents of the given tasks: progress, and the end of an awaiting parent.</summary>
    private static async Task RefreshParentsAsync(SqliteSession session, IReadOnlyList<long> childIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (childIds.Count == 0) return;
        var parents = await ReadIdsAsync(session.Command("parents_of").WithJson("ids", childIds), cancellationToken);
        foreach (var parentId in parents) await RefreshParentAsync(session, parentId, now, cancellationToken);
    }

    /// <summary>Recomputes one parent: its progress, and its end when it awaits its subtasks.</summary>
    private static async Task RefreshParentAsync(SqliteSession session, long parentId, DateTimeOffset now, CancellationToken cancellationToken)
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

    private static async Task<(string Name, string Reason)> FirstWithStatusAsync(SqliteSession session, long parentId, string status, CancellationToken cancellationToken)
    {
        await using var reader = await session.Command("subtask_first_with_status").With("id", parentId).With("status", status).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.IsDBNull(0) ? "?" : reader.GetString(0), reader.IsDBNull(1) ? status : reader.GetString(1))
            : ("?", status);
    }

    private static async Task CancelSubtasksAsync(SqliteSession session, TaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.Command("subtasks_request_cancel").With("id", task.Id).With("now", now).ExecuteNonQueryAsync(cancellationToken);
        var cancelled = await ReadIdsAsync(session.Command("subtasks_cancel").With("id", task.Id).With("now", now), cancellationToken);
        await LogManyAsync(session, cancelled, now, "info", "Cancelled with its parent", cancellationToken);
        await RefreshParentsAsync(session, [task.Id], now, cancellationToken);
    }

    private static async Task ReopenParentAsync(SqliteSession session, TaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.ParentId is not { } parentId) return;
        var reopened = await session.Command("parent_reopen").With("id", parentId).With("now", now).ExecuteNonQueryAsync(cancellationToken);
        if (reopened > 0) await LogAsync(session, parentId, now, "info", $"Reopened: subtask '{task.Name ?? task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}' retried", cancellationToken);
    }
}
