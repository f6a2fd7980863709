namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>Locks the rows in id order, as every multi-row write does, so writes never deadlock.</summary>
    private protected override Task LockTasksAsync(StoreSession session, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        session.Command("lock_tasks").WithList("ids", ids).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Locks the rows and their parents in one statement, in id order (a parent before its subtasks).</summary>
    private protected override Task LockTasksAndParentsAsync(StoreSession session, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        session.Command("lock_tasks_and_parents").WithList("ids", ids).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>
    /// Locks and reads the live task. With <paramref name="lockParent"/>, the task's parent is locked first, then the
    /// task: id order, a parent before its subtasks, as every write locks.
    /// </summary>
    private protected override async Task<TaskRow?> ReadTaskForTransitionAsync(StoreSession session, long id, bool lockParent, CancellationToken cancellationToken)
    {
        if (lockParent)
            await session.Command("lock_tasks_and_parents").WithList("ids", new[] { id }).ExecuteNonQueryAsync(cancellationToken);
        return await ReadTaskAsync(session.Command("task_get_for_update").With("id", id), cancellationToken);
    }

    /// <summary>
    /// Locks the users table against other writers until the transaction ends (sign-ins, which only add tokens, go on),
    /// so that a change checked against the remaining managers sees every change committed before it.
    /// </summary>
    private protected override Task LockUsersAsync(StoreSession session, CancellationToken cancellationToken) =>
        session.Command("users_lock").ExecuteNonQueryAsync(cancellationToken);
}
