namespace Tasklane;

/// <summary>A delivery claimed for sending: the event, what it is about, and the hook it goes to.</summary>
public sealed record WebhookDelivery
{
    /// <summary>The delivery's identifier (the payload's <c>id</c>: a receiver drops repeats by it).</summary>
    public long Id { get; init; }
    /// <summary>The hook.</summary>
    public long WebhookId { get; init; }
    /// <summary>The hook's URL.</summary>
    public required string Url { get; init; }
    /// <summary>The hook's HMAC key, encrypted.</summary>
    public required string ProtectedSecret { get; init; }
    /// <summary>The event, e.g. <c>task.failed</c>.</summary>
    public required string Event { get; init; }
    /// <summary>The task of a task event.</summary>
    public long? TaskId { get; init; }
    /// <summary>The queue of a <c>queue.stalled</c> event.</summary>
    public string? Queue { get; init; }
    /// <summary>For <c>queue.stalled</c>: since when the oldest due task of the queue has been due.</summary>
    public DateTimeOffset? OldestDueAt { get; init; }
    /// <summary>How many times it has been sent, this attempt included.</summary>
    public int Attempts { get; init; }
    /// <summary>When the event happened (the delivery was written).</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The body sent on the first attempt (every retry sends the same bytes), or null before it.</summary>
    public string? Body { get; init; }
}
