namespace Tasklane.Sqlite;

public sealed partial class SqliteTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListTasksWithFinalLogsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<long>>(write: false, async session =>
        {
            var ids = new List<long>();
            await using var reader = await session.Command("logs_final_tasks").With("limit", Math.Max(limit, 0)).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
            return ids;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteLogsAsync(IReadOnlyList<LogCut> cuts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        return RunAsync(write: true, async session =>
        {
            var removed = 0;
            foreach (var cut in cuts)
            {
                removed += await session.Command("logs_delete_upto").With("task_id", cut.TaskId).With("up_to", cut.UpToSeq)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            return removed;
        }, cancellationToken);
    }
}
