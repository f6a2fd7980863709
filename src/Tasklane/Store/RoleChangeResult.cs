namespace Tasklane;

/// <summary>How a change to a custom role ended.</summary>
public enum RoleChangeOutcome
{
    /// <summary>The change was made.</summary>
    Changed,
    /// <summary>No such role.</summary>
    NotFound,
    /// <summary>A role of that name exists already (create).</summary>
    Exists,
    /// <summary>Users hold the role, so it is not deleted.</summary>
    InUse,
    /// <summary>Afterwards no enabled user could manage users. Nothing changed.</summary>
    LastManager,
}

/// <summary>The outcome of a change to a role and the role afterwards (the removed role for a delete).</summary>
/// <param name="Outcome">How the change ended.</param>
/// <param name="Role">The role, or null when nothing changed.</param>
public sealed record RoleChangeResult(RoleChangeOutcome Outcome, RoleRow? Role);
