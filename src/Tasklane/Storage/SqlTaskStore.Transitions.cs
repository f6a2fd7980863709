namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<TransitionResult> CancelAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(id, now, task => task.Status switch
        {
            TaskState.Pending => ("task_cancel_pending", "Cancelled"),
            TaskState.Running when task.AwaitingSubtasks => ("task_cancel_awaiting", "Cancelled"),
            TaskState.Running => ("task_request_cancel", "Cancellation requested"),
            _ => null,
        }, cancellationToken, (session, task) => CancelSubtasksAsync(session, task, now, cancellationToken));

    /// <inheritdoc />
    public Task<TransitionResult> RetryAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(id, now, task => task.Status is TaskState.Failed or TaskState.Cancelled
            ? ("task_retry", "Retried by operator")
            : null, cancellationToken, (session, task) => ReopenParentAsync(session, task, now, cancellationToken));

    /// <inheritdoc />
    public Task<TransitionResult> ExecuteNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(id, now, task => task.Status switch
        {
            TaskState.Pending when task.RunAt > now => ("task_execute_now", "Execution requested now"),
            TaskState.Pending => (Statement: "", LogMessage: ""), // already due: nothing to change
            _ => null,
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A subtask is not deleted on its own (it goes with its parent): its parent would wait for it and its
    /// dependents would never run.
    /// </remarks>
    public Task<TransitionResult> DeleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(id, now, task => task.Status == TaskState.Running || task.ParentId is not null
            ? null
            : ("task_delete", "Deleted"), cancellationToken);

    /// <summary>
    /// Reads the live task a transition is about to change, held against concurrent writes until the transaction ends.
    /// With <paramref name="lockParent"/>, the transition also writes the task's subtasks or parent. On SQLite the
    /// IMMEDIATE write transaction already holds the database, so a plain read is enough.
    /// </summary>
    private protected virtual Task<TaskRow?> ReadTaskForTransitionAsync(StoreSession session, long id, bool lockParent, CancellationToken cancellationToken) =>
        ReadTaskAsync(session.Command("task_get").With("id", id), cancellationToken);

    /// <summary>
    /// One operator transition in one write transaction: reads the live task, lets <paramref name="decide"/> pick
    /// the statement and log line (null: wrong state; empty statement: done, nothing to change), applies both, then
    /// <paramref name="after"/> (which may write the task's subtasks and parent), and the pending audit entry
    /// (<see cref="AuditScope"/>) when the transition is done.
    /// </summary>
    private Task<TransitionResult> TransitionAsync(
        long id,
        DateTimeOffset now,
        Func<TaskRow, (string Statement, string LogMessage)?> decide,
        CancellationToken cancellationToken,
        Func<StoreSession, TaskRow, Task>? after = null)
    {
        var audit = AuditScope.Pending();
        return RunAsync(write: true, async session =>
        {
            var task = await ReadTaskForTransitionAsync(session, id, lockParent: after is not null, cancellationToken);
            if (task is null) return new TransitionResult(TransitionOutcome.NotFound, null);
            if (decide(task) is not { } step) return new TransitionResult(TransitionOutcome.WrongState, task);
            if (step.Statement.Length == 0)
            {
                await AuditAsync(session, audit, cancellationToken);
                return new TransitionResult(TransitionOutcome.Done, task);
            }

            await session.Command(step.Statement).With("id", id).With("now", now).ExecuteNonQueryAsync(cancellationToken);
            await LogAsync(session, id, now, "info", step.LogMessage, cancellationToken);
            if (after is not null) await after(session, task);
            await AuditAsync(session, audit, cancellationToken);
            return new TransitionResult(TransitionOutcome.Done, await GetAnyAsync(session, id, cancellationToken));
        }, cancellationToken);
    }
}
