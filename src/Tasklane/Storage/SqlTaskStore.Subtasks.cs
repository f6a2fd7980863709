using System.Globalization;

namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRow>> CreateSubtasksAsync(long parentId, IReadOnlyList<SubtaskParams> subtasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subtasks);
        return RunAsync<IReadOnlyList<TaskRow>>(write: true, async session =>
        {
            // The parent's lock (on SQLite, the write transaction) serializes the creations of its subtasks: the name
            // lookup and the insert cannot race.
            await LockTasksAsync(session, [parentId], cancellationToken);
            var rows = new List<TaskRow>(subtasks.Count);
            foreach (var subtask in subtasks)
            {
                var p = subtask.Task with { ParentId = parentId };
                var existing = p.Name is null ? null : await ReadTaskAsync(session.Command("subtask_find")
                    .With("parent_id", parentId).With("name", p.Name), cancellationToken);
                if (existing is not null)
                {
                    rows.Add(existing);
                    continue;
                }
                var inserted = await InsertTaskAsync(session, p, cancellationToken);
                if (inserted.Created)
                {
                    var dependsOn = subtask.DependsOnIndexes.Select(i => rows[i].Id).Concat(subtask.DependsOnIds).Distinct().ToArray();
                    if (dependsOn.Length > 0) await InsertDependenciesAsync(session, inserted.Task.Id, dependsOn, cancellationToken);
                }
                rows.Add(inserted.Task);
            }
            return rows;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, IReadOnlyList<long>>> GetDependenciesAsync(IReadOnlyList<long> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var ids = taskIds.Distinct().ToArray();
        return RunAsync<IReadOnlyDictionary<long, IReadOnlyList<long>>>(write: false, async session =>
        {
            var map = ids.ToDictionary(id => id, _ => new List<long>());
            await using var reader = await session.Command("dependencies_get").WithList("ids", ids).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) map[reader.GetInt64(0)].Add(reader.GetInt64(1));
            return map.ToDictionary(e => e.Key, e => (IReadOnlyList<long>)e.Value);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<TaskState, long>> CountSubtasksAsync(long parentId, CancellationToken cancellationToken) =>
        RunAsync(write: false, session => CountChildrenAsync(session, parentId, cancellationToken), cancellationToken);

    /// <summary>Counts of a task's subtasks by status, every status present.</summary>
    private protected static async Task<IReadOnlyDictionary<TaskState, long>> CountChildrenAsync(StoreSession session, long parentId, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
        await using var reader = await session.Command("subtask_counts").With("id", parentId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts[StoreText.State(reader.GetString(0))] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>Records that task <paramref name="taskId"/> waits for each of <paramref name="dependsOn"/>.</summary>
    private protected abstract Task InsertDependenciesAsync(StoreSession session, long taskId, IReadOnlyList<long> dependsOn, CancellationToken cancellationToken);

    /// <summary>Recomputes the parents of the given tasks: progress, and the end of a parent awaiting its subtasks.</summary>
    private protected abstract Task RefreshParentsAsync(StoreSession session, IReadOnlyList<long> childIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Cancelling a task cascades to its subtasks (pending ones end, running ones are asked to stop); its own parent is recomputed.</summary>
    private protected virtual async Task CancelSubtasksAsync(StoreSession session, TaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = await ReadIdsAsync(session.Command("subtasks_cancel").With("id", task.Id).With("now", now), cancellationToken);
        await LogManyAsync(session, cancelled, now, "info", "Cancelled with its parent", cancellationToken);
        await RefreshParentsAsync(session, [task.Id], now, cancellationToken);
    }

    /// <summary>A retried subtask reopens its failed or cancelled parent.</summary>
    private static async Task ReopenParentAsync(StoreSession session, TaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.ParentId is not { } parentId) return;
        var reopened = await session.Command("parent_reopen").With("id", parentId).With("now", now).ExecuteNonQueryAsync(cancellationToken);
        if (reopened > 0)
        {
            await LogAsync(session, parentId, now, "info",
                $"Reopened: subtask '{task.Name ?? task.Id.ToString(CultureInfo.InvariantCulture)}' retried", cancellationToken);
        }
    }
}
