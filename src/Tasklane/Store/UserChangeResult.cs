namespace Tasklane;

/// <summary>The outcome of a change to a user and the user as it is afterwards (null unless <see cref="UserChangeOutcome.Changed"/>).</summary>
/// <param name="Outcome">How the change ended.</param>
/// <param name="User">The user after an update, or the user removed by a delete; null when nothing changed.</param>
public sealed record UserChangeResult(UserChangeOutcome Outcome, UserRow? User);
