using System.Data.Common;

namespace Tasklane;

/// <summary>Creates and steers tasks from application code and from the HTTP API.</summary>
public interface ITaskClient
{
    /// <summary>
    /// Creates a task. <paramref name="data"/> is serialised to JSON (snake_case) and checked
    /// against the action's arguments now, so bad data is refused here, not at run time.
    /// </summary>
    /// <exception cref="TaskCreateException">Unknown worker or action, inactive worker, or data that does not fit.</exception>
    Task<TaskRow> CreateAsync(string worker, string action, object? data, TaskOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a task from raw JSON data (as received over HTTP); same checks as <see cref="CreateAsync"/>.</summary>
    /// <exception cref="TaskCreateException">Unknown worker or action, inactive worker, or data that does not fit.</exception>
    Task<TaskRow> CreateFromJsonAsync(string worker, string action, string? json, TaskOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="CreateFromJsonAsync"/>, and says whether the task is new or an idempotent repeat
    /// (<see cref="CreateTaskResult.Created"/> false when the idempotency key matched an existing task).
    /// </summary>
    /// <exception cref="TaskCreateException">Unknown worker or action, inactive worker, or data that does not fit.</exception>
    Task<CreateTaskResult> CreateOrGetFromJsonAsync(string worker, string action, string? json, TaskOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a batch of tasks, all or none, in one transaction with one wake-up, and returns them in order. Each is
    /// checked as <see cref="CreateAsync"/> checks one, before anything is written.
    /// </summary>
    /// <exception cref="TaskCreateException">One of them is refused; <see cref="TaskCreateException.Field"/> starts with <c>tasks[i].</c>, and nothing is created.</exception>
    Task<IReadOnlyList<TaskRow>> CreateManyAsync(IReadOnlyList<TaskRequest> tasks, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates tasks inside the application's own open transaction on the store's database (an open
    /// <c>SqliteConnection</c> on the store's file, or <c>NpgsqlConnection</c> on its database, and its transaction):
    /// the tasks exist exactly when that transaction commits. The engine is woken once the commit is visible.
    /// </summary>
    ITransactionalTaskClient InTransaction(DbTransaction transaction);

    /// <summary>
    /// Creates a new task from task <paramref name="id"/> ("Run again"): the same worker, action, data, queue, priority,
    /// attempt budget, tags and links, with what <paramref name="changes"/> gives replaced, due now unless it says
    /// when; <see cref="TaskRow.ClonedFrom"/> names the source. Checked as <see cref="CreateAsync"/> checks a task.
    /// Null when the source is missing or deleted.
    /// </summary>
    /// <exception cref="TaskCreateException">The new data does not fit the action, or the worker or action is gone or inactive.</exception>
    Task<TaskRow?> CloneAsync(long id, TaskCloneOptions? changes = null, CancellationToken cancellationToken = default);

    /// <summary>One task, or null when missing or deleted.</summary>
    Task<TaskRow?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Pending → cancelled; running → cancel requested (the handler's token fires within a second).</summary>
    Task<TransitionResult> CancelAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Failed or cancelled → pending.</summary>
    Task<TransitionResult> RetryAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>A pending task due later runs now.</summary>
    Task<TransitionResult> ExecuteNowAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Soft delete (refused while running).</summary>
    Task<TransitionResult> DeleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="action"/> to the tasks with the given ids (at most <see cref="TaskBulkParams.MaxIds"/>;
    /// only <paramref name="visibleTo"/>'s when set) in set-based statements: tasks in the wrong state, missing or not
    /// visible are skipped. Wakes the dispatchers once after a retry or run-now; tells running handlers to stop after a cancel.
    /// </summary>
    Task<TaskBulkResult> BulkAsync(TaskBulkAction action, IReadOnlyList<long> ids, long? visibleTo = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="action"/> to every live task the list shows for <paramref name="filter"/> (its paging
    /// ignored, its <see cref="TaskQuery.VisibleTo"/> applied), as <see cref="BulkAsync(TaskBulkAction, IReadOnlyList{long}, long?, CancellationToken)"/> does.
    /// </summary>
    Task<TaskBulkResult> BulkAsync(TaskBulkAction action, TaskQuery filter, CancellationToken cancellationToken = default);

    /// <summary>Every due-later pending task runs now (only <paramref name="visibleTo"/>'s when set).</summary>
    Task<int> ProcessPendingAsync(long? visibleTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// The largest <c>olderThanDays</c> of <see cref="CleanupAsync"/> (about 100 years): further back is past the calendar's arithmetic.
    /// </summary>
    const int MaxCleanupDays = 36_500;

    /// <summary>
    /// Removes completed tasks (and soft-deleted ones) older than the given days, with their logs and artifacts
    /// (only <paramref name="visibleTo"/>'s when set).
    /// </summary>
    Task<CleanupResult> CleanupAsync(int olderThanDays, long? visibleTo = null, CancellationToken cancellationToken = default);
}
