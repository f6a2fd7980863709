namespace Tasklane;

/// <summary>How one sending of a delivery went.</summary>
public sealed record WebhookAttempt
{
    /// <summary>The delivery.</summary>
    public long DeliveryId { get; init; }
    /// <summary><c>delivered</c>, <c>pending</c> (retry at <see cref="NextAttemptAt"/>) or <c>failed</c> (given up).</summary>
    public required string Status { get; init; }
    /// <summary>For a retry: when to send again.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }
    /// <summary>The HTTP status of the answer, or null when there was none.</summary>
    public int? StatusCode { get; init; }
    /// <summary>What went wrong, or null.</summary>
    public string? Error { get; init; }
    /// <summary>The body that was sent (kept so that every retry sends the same bytes).</summary>
    public required string Body { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
