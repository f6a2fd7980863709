namespace Tasklane;

/// <summary>
/// What the completer needs of the dispatcher to claim with a batch of outcomes: a claim to join, and a place for the
/// tasks it claimed. Between the two calls no other claim of the node runs, so the claim-ahead buffer stays bounded.
/// </summary>
internal interface IClaimJoiner
{
    /// <summary>The claim to join with the next batch; null when none fits, another claim is running, or claiming has stopped.</summary>
    Task<ClaimParams?> BeginJoinedClaimAsync(CancellationToken cancellationToken);

    /// <summary>Takes the tasks a joined claim started (none when it failed) and lets the next claim run.</summary>
    void EndJoinedClaim(IReadOnlyList<TaskRow> claimed);
}
