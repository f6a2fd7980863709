namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ListTasksWithFinalLogsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<long>>(write: false, async session =>
            await ReadIdsAsync(session.Command("logs_final_tasks").With("limit", Math.Max(limit, 0)), cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteLogsAsync(IReadOnlyList<LogCut> cuts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        if (cuts.Count == 0) return Task.FromResult(0);
        return RunAsync(write: true, session => session.Command("logs_delete_upto")
            .WithList("task_ids", cuts.Select(c => c.TaskId))
            .WithList("up_to", cuts.Select(c => c.UpToSeq))
            .ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }
}
