namespace Tasklane;

/// <summary>Creates a webhook.</summary>
public sealed record CreateWebhookParams
{
    /// <summary>The absolute http or https URL.</summary>
    public required string Url { get; init; }
    /// <summary>The worker whose events it gets, or null for every worker.</summary>
    public string? Worker { get; init; }
    /// <summary>The events (see <see cref="WebhookEvents.All"/>).</summary>
    public required IReadOnlyList<string> Events { get; init; }
    /// <summary>The HMAC key, already encrypted.</summary>
    public required string ProtectedSecret { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
