namespace Tasklane;

/// <summary>
/// The audit entry of the operator action under way in this async flow. The HTTP layer begins a scope around the call
/// that carries out an action; the store method that makes the change writes the entry inside that change's own
/// transaction, and only when the change is made (<see cref="Pending"/>, then <see cref="MarkWritten"/>). So an action
/// and its entry commit or roll back together, and a refused or failed action leaves no entry. An action that is not
/// one store transaction (a cleanup that also deletes log files, a failed sign-in) finds <see cref="Written"/> false
/// afterwards, and its caller appends the entry itself (<see cref="IAccountStore.AppendAuditAsync"/>).
/// </summary>
/// <remarks>
/// The scope flows with the async context (like <see cref="System.Diagnostics.Activity.Current"/>), not through every
/// service between the endpoint and the store; a store reads it when a call begins, before the call is queued or
/// retried, and writes the same entry again when its transaction is retried.
/// </remarks>
public sealed class AuditScope : IDisposable
{
    private static readonly AsyncLocal<AuditScope?> Ambient = new();
    private readonly AuditScope? _outer;
    private int _written;
    private int _closed;

    private AuditScope(AuditEntry entry, AuditScope? outer)
    {
        Entry = entry;
        _outer = outer;
    }

    /// <summary>The entry to write.</summary>
    public AuditEntry Entry { get; }

    /// <summary>True once a store wrote the entry inside the transaction of the action.</summary>
    public bool Written => Volatile.Read(ref _written) == 1;

    /// <summary>Begins the scope of one action; dispose it when the action has returned.</summary>
    public static AuditScope Begin(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var scope = new AuditScope(entry, Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    /// <summary>
    /// For a store, when a call that may carry out an action begins: the open scope whose entry is not written yet, or
    /// null.
    /// </summary>
    public static AuditScope? Pending() =>
        Ambient.Value is { } scope && Volatile.Read(ref scope._closed) == 0 && !scope.Written ? scope : null;

    /// <summary>For a store: the entry was inserted in the transaction that made the change.</summary>
    public void MarkWritten() => Interlocked.Exchange(ref _written, 1);

    /// <summary>Ends the scope: no later store call writes its entry.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _closed, 1);
        if (ReferenceEquals(Ambient.Value, this)) Ambient.Value = _outer;
    }
}
