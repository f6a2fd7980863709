namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/webhooks/:id/test</c>: the id of the queued <c>webhook.test</c> delivery.</summary>
internal sealed record WebhookTestDto(long DeliveryId);
