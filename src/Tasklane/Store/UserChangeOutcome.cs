namespace Tasklane;

/// <summary>How a change to a user ended.</summary>
public enum UserChangeOutcome
{
    /// <summary>The change was made.</summary>
    Changed,

    /// <summary>No such user; nothing changed.</summary>
    NotFound,

    /// <summary>
    /// Refused: afterwards no enabled user would hold one of the manager roles the change named, so nobody could manage
    /// users any more. Nothing changed.
    /// </summary>
    LastManager,
}
