namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListTasksWithFinalLogsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<long>>(write: false, async session => await session.Command("logs_final_tasks")
            .With("limit", Math.Max(limit, 0))
            .ReadAllAsync(r => r.GetInt64(0), cancellationToken), cancellationToken);

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
