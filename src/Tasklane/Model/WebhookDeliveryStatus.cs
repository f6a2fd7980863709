namespace Tasklane;

/// <summary>Where one delivery of a webhook stands.</summary>
/// <param name="Id">The delivery.</param>
/// <param name="Event">Its event, e.g. <c>task.failed</c>.</param>
/// <param name="Status"><c>pending</c> (not sent yet, or to be retried), <c>delivered</c> (a 2xx answer) or <c>failed</c> (given up).</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="StatusCode">The HTTP status of the last answer, or null when there was none (not sent yet, timeout, no connection).</param>
/// <param name="Error">What went wrong on the last attempt, or null.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record WebhookDeliveryStatus(long Id, string Event, string Status, int Attempts, int? StatusCode, string? Error, DateTimeOffset UpdatedAt);
