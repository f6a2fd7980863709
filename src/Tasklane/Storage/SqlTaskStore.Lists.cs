namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<TaskPage> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = TaskListSql.For(query, _dialect, TaskPage.CountLimit);
        return RunAsync(write: false, async session =>
        {
            var counted = Convert.ToInt64(await sql.Bind(session.Script(sql.CountText), sql.CountText).ExecuteScalarAsync(cancellationToken),
                System.Globalization.CultureInfo.InvariantCulture);
            var items = await ReadTasksAsync(sql.Bind(session.Script(sql.PageText), sql.PageText), cancellationToken);
            var capped = counted > TaskPage.CountLimit;
            return new TaskPage(items, capped ? TaskPage.CountLimit : counted) { TotalCapped = capped };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskRow>> ListActiveTasksAsync(int limit, long? visibleTo, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return RunAsync<IReadOnlyList<TaskRow>>(write: false, async session =>
            await ReadTasksAsync(session.Command("tasks_list_active").With("limit", limit).With("visible_to", visibleTo), cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<TaskState, long>> CountByStatusAsync(long? visibleTo, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<TaskState, long>>(write: false, async session =>
        {
            var counts = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0L);
            await using var reader = await session.Command("tasks_count_by_status").With("visible_to", visibleTo).ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                foreach (var (state, ordinal) in StatusColumns) counts[state] = reader.IsDBNull(ordinal) ? 0 : reader.GetInt64(ordinal);
            }
            return counts;
        }, cancellationToken);

    /// <summary>The order of the per-status columns in the counter tables' results.</summary>
    private static readonly (TaskState State, int Ordinal)[] StatusColumns =
        [(TaskState.Pending, 0), (TaskState.Running, 1), (TaskState.Completed, 2), (TaskState.Failed, 3), (TaskState.Cancelled, 4)];
}
