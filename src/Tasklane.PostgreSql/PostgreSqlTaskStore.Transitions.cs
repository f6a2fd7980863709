namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
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
    public Task<TransitionResult> DeleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        TransitionAsync(id, now, task => task.Status == TaskState.Running
            ? null
            : ("task_delete", "Deleted"), cancellationToken);

    /// <summary>
    /// One operator transition in one transaction: locks and reads the live task, lets <paramref name="decide"/> pick
    /// the statement and log line (null: wrong state; empty statement: done, nothing to change), applies both, then
    /// <paramref name="after"/> (which may write the task's subtasks and parent). With <paramref name="after"/>, the
    /// task's parent is locked first, then the task: id order, a parent before its subtasks, as every write locks.
    /// </summary>
    private Task<TransitionResult> TransitionAsync(
        long id,
        DateTimeOffset now,
        Func<TaskRow, (string Statement, string LogMessage)?> decide,
        CancellationToken cancellationToken,
        Func<PostgreSqlSession, TaskRow, Task>? after = null) =>
        RunAsync(write: true, async session =>
        {
            if (after is not null)
                await session.Command("lock_tasks_and_parents").With("ids", new[] { id }).ExecuteNonQueryAsync(cancellationToken);
            var task = await ReadTaskAsync(session.Command("task_get_for_update").With("id", id), cancellationToken);
            if (task is null) return new TransitionResult(TransitionOutcome.NotFound, null);
            if (decide(task) is not { } step) return new TransitionResult(TransitionOutcome.WrongState, task);
            if (step.Statement.Length == 0) return new TransitionResult(TransitionOutcome.Done, task);

            await session.Command(step.Statement).With("id", id).With("now", now).ExecuteNonQueryAsync(cancellationToken);
            await LogAsync(session, id, now, "info", step.LogMessage, cancellationToken);
            if (after is not null) await after(session, task);
            return new TransitionResult(TransitionOutcome.Done, await GetAnyAsync(session, id, cancellationToken));
        }, cancellationToken);
}
