namespace Tasklane;

/// <summary>
/// What the completer needs of the dispatcher to claim with a batch of outcomes: a claim to join, and a place for the
/// tasks it claimed. Between the two calls the room the claim may fill stays reserved, so the dispatcher's own claim
/// meanwhile takes only what is left and the claim-ahead buffer stays bounded.
/// </summary>
internal interface IClaimJoiner
{
    /// <summary>The claim to join with the next batch; null when none fits or claiming has stopped.</summary>
    Task<ClaimParams?> BeginJoinedClaimAsync(CancellationToken cancellationToken);

    /// <summary>Takes the tasks the joined <paramref name="claim"/> started (none when it failed) and gives back the room it reserved.</summary>
    void EndJoinedClaim(ClaimParams claim, IReadOnlyList<TaskRow> claimed);
}
