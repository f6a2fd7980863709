namespace Tasklane;

/// <summary>A filtered page of the audit log, newest first; every filter left null matches all.</summary>
public sealed record AuditQuery
{
    /// <summary>The page, from 1.</summary>
    public int Current { get; init; } = 1;
    /// <summary>Entries per page.</summary>
    public int PageSize { get; init; } = 20;
    /// <summary>The actor's user name (case-insensitive, exact).</summary>
    public string? Actor { get; init; }
    /// <summary>The action, exact (<c>task.cancel</c>), or a prefix ending in <c>.*</c> (<c>role.*</c>).</summary>
    public string? Action { get; init; }
    /// <summary>The target type, exact.</summary>
    public string? TargetType { get; init; }
    /// <summary>The target id, exact.</summary>
    public string? TargetId { get; init; }
    /// <summary>Entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Entries at or before this time.</summary>
    public DateTimeOffset? To { get; init; }
}

/// <summary>One page of the audit log and the number of entries that match.</summary>
/// <param name="Items">The entries of the page, newest first.</param>
/// <param name="Total">How many entries match the filters.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long Total);
