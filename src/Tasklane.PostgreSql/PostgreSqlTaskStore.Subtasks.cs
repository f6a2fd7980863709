namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>One statement for all dependencies of the task.</summary>
    private protected override Task InsertDependenciesAsync(StoreSession session, long taskId, IReadOnlyList<long> dependsOn, CancellationToken cancellationToken) =>
        session.Command("dependencies_insert").With("task_id", taskId).WithList("depends_on_ids", dependsOn)
            .ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Recomputes the parents of the given tasks (progress, and the end of an awaiting parent) in one statement.</summary>
    private protected override Task RefreshParentsAsync(StoreSession session, IReadOnlyList<long> childIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        childIds.Count == 0
            ? Task.CompletedTask
            : session.Command("parents_refresh").WithList("ids", childIds).With("now", now).ExecuteNonQueryAsync(cancellationToken);
}
