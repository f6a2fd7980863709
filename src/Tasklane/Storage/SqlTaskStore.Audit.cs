namespace Tasklane.Storage;

public abstract partial class SqlTaskStore
{
    /// <inheritdoc />
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return RunAsync(write: true, async session =>
        {
            await InsertAuditAsync(session, entry, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AuditPage> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = query.Action is { } a && a.EndsWith(".*", StringComparison.Ordinal) ? a[..^1] : null;
        var exact = prefix is null ? query.Action : null;
        StoreCommand Filtered(StoreCommand command) => command
            .With("actor", query.Actor)
            .With("action", exact)
            .With("action_prefix", prefix)
            .With("target_type", query.TargetType)
            .With("target_id", query.TargetId)
            .With("from", query.From)
            .With("to", query.To);
        return RunAsync(write: false, async session =>
        {
            var items = await Filtered(session.Command("audit_list"))
                .With("limit", query.PageSize)
                .With("offset", (long)(query.Current - 1) * query.PageSize)
                .ReadAllAsync(Rows.Audit, cancellationToken);
            var total = Convert.ToInt64(await Filtered(session.Command("audit_count")).ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return new AuditPage(items, total);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DeleteAuditAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        RunAsync(write: true, session => session.Command("audit_delete_before").With("before", before).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Writes the entry of <paramref name="scope"/> (when there is one) in the session's transaction, completed by
    /// <paramref name="complete"/> with what only the transaction knows, and marks it written. Called by an operation
    /// once its change is made; a retried transaction writes it again.
    /// </summary>
    private protected static async Task AuditAsync(StoreSession session, AuditScope? scope, Func<AuditEntry, AuditEntry>? complete, CancellationToken cancellationToken)
    {
        if (scope is null) return;
        await InsertAuditAsync(session, complete is null ? scope.Entry : complete(scope.Entry), cancellationToken);
        scope.MarkWritten();
    }

    /// <inheritdoc cref="AuditAsync(StoreSession, AuditScope?, Func{AuditEntry, AuditEntry}?, CancellationToken)"/>
    private protected static Task AuditAsync(StoreSession session, AuditScope? scope, CancellationToken cancellationToken) =>
        AuditAsync(session, scope, null, cancellationToken);

    private static Task<int> InsertAuditAsync(StoreSession session, AuditEntry entry, CancellationToken cancellationToken) =>
        session.Command("audit_insert")
            .With("at", entry.At)
            .With("actor_id", entry.ActorId)
            .With("actor_name", entry.ActorName)
            .With("ip", entry.Ip)
            .With("action", entry.Action)
            .With("target_type", entry.TargetType)
            .With("target_id", entry.TargetId)
            .With("details", entry.Details)
            .ExecuteNonQueryAsync(cancellationToken);
}
