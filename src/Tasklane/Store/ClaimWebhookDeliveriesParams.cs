namespace Tasklane;

/// <summary>Claims due deliveries for sending.</summary>
/// <param name="Now">Now.</param>
/// <param name="LeaseUntil">When a claimed delivery that was not recorded (its sender died) is due again.</param>
/// <param name="Limit">At most this many.</param>
public sealed record ClaimWebhookDeliveriesParams(DateTimeOffset Now, DateTimeOffset LeaseUntil, int Limit);
