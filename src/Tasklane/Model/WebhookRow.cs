namespace Tasklane;

/// <summary>A webhook: where to POST which events, for every worker or one, with the last delivery's outcome.</summary>
public sealed record WebhookRow
{
    /// <summary>The hook's identifier.</summary>
    public long Id { get; init; }
    /// <summary>The absolute http or https URL events are POSTed to.</summary>
    public required string Url { get; init; }
    /// <summary>The worker whose events the hook gets, or null for every worker.</summary>
    public string? Worker { get; init; }
    /// <summary>The events it gets (see <see cref="WebhookEvents"/>), in contract order.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];
    /// <summary>The HMAC key as stored: encrypted by the secret protector. Never shown.</summary>
    public required string ProtectedSecret { get; init; }
    /// <summary>When the hook was created; only events of tasks that ended later are sent to it.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The newest delivery of the hook, or null when it has none.</summary>
    public WebhookDeliveryStatus? LastDelivery { get; init; }

    /// <summary>Equal when every field is, the events compared in order.</summary>
    public bool Equals(WebhookRow? other) =>
        other is not null && Id == other.Id && Url == other.Url && Worker == other.Worker && Events.SequenceEqual(other.Events)
        && ProtectedSecret == other.ProtectedSecret && CreatedAt == other.CreatedAt && Equals(LastDelivery, other.LastDelivery);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Url, Worker, Events.Count, CreatedAt);
}
