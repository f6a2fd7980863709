namespace Tasklane.AspNetCore;

/// <summary>The newest delivery of a webhook: <c>status</c> is <c>pending</c>, <c>delivered</c> or <c>failed</c> (given up).</summary>
internal sealed record WebhookDeliveryDto(long Id, string Event, string Status, int Attempts, int? StatusCode, string? Error, DateTimeOffset UpdatedAt);
