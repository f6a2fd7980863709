namespace Tasklane;

/// <summary>
/// One entry of the audit log: who did what, from where, to which object. Written by the store inside the transaction
/// of the action it records (see <see cref="AuditScope"/>), so an action and its entry are kept or lost together.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The entry's id (0 until stored); ids grow with time.</summary>
    public long Id { get; init; }
    /// <summary>When the action happened.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>The user who acted; null for an anonymous request (a failed sign-in).</summary>
    public long? ActorId { get; init; }
    /// <summary>That user's name at the time (kept when the user is deleted or renamed).</summary>
    public string? ActorName { get; init; }
    /// <summary>The client's IP address, as the host sees it.</summary>
    public string? Ip { get; init; }
    /// <summary>The action, e.g. <c>task.cancel</c>, <c>user.update</c> or <c>auth.login_failed</c> (docs/security.md lists them).</summary>
    public required string Action { get; init; }
    /// <summary>What kind of object the action changed: <c>task</c>, <c>subtask</c>, <c>schedule</c>, <c>worker</c>, <c>settings</c>, <c>user</c>, <c>role</c>.</summary>
    public string? TargetType { get; init; }
    /// <summary>That object's id or name.</summary>
    public string? TargetId { get; init; }
    /// <summary>A JSON object with what changed (secrets masked), or null.</summary>
    public string? Details { get; init; }
}
