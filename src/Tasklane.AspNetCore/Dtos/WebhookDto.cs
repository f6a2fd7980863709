namespace Tasklane.AspNetCore;

/// <summary>A webhook as <c>/api/webhooks</c> shows it; the secret never leaves the store.</summary>
internal sealed record WebhookDto(long Id, string Url, IReadOnlyList<string> Events, string? Worker, DateTimeOffset CreatedAt, WebhookDeliveryDto? LastDelivery)
{
    public static WebhookDto From(WebhookRow row) => new(row.Id, row.Url, row.Events, row.Worker, row.CreatedAt,
        row.LastDelivery is { } d ? new WebhookDeliveryDto(d.Id, d.Event, d.Status, d.Attempts, d.StatusCode, d.Error, d.UpdatedAt) : null);
}
