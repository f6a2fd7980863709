namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/webhooks</c>: where, which events, for every worker or one, and the HMAC key.</summary>
internal sealed record CreateWebhookRequest
{
    public string? Url { get; init; }
    public IReadOnlyList<string>? Events { get; init; }
    public string? Worker { get; init; }
    public string? Secret { get; init; }
}
