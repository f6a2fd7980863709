namespace Tasklane.PostgreSql;

public sealed partial class PostgreSqlTaskStore
{
    /// <summary>A NOTIFY on the store's channel inside the write's transaction: PostgreSQL delivers it at commit, never on rollback.</summary>
    private protected override async Task AnnounceAsync(StoreSession session, TaskNotificationKind kind, CancellationToken cancellationToken) =>
        await session.Command("notify")
            .With("channel", PostgreSqlSchema.Channel(_schema))
            .With("payload", TaskNotificationPayload.Write(new TaskNotification(kind)))
            .ExecuteNonQueryAsync(cancellationToken);
}
