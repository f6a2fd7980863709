namespace Tasklane;

/// <summary>How webhooks are sent (<see cref="TasklaneHttpOptions.Webhooks"/>); see docs/webhooks.md.</summary>
public sealed class TasklaneWebhookOptions
{
    /// <summary>Whether this node sends webhooks at all. Default true: every node sends, sharing the work through the store.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the delivery loop looks for due deliveries while a hook exists. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one POST may take before it counts as failed (and is retried). Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery is retried after its event before it is given up (marked failed). Default 24 hours.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait before the first retry; it doubles with every further one. Default 10 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two retries. Default 1 hour.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A queue is stalled when a due task of it has waited this long (<c>queue.stalled</c>). Default 300 seconds.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How often queues are checked for stalls while a hook wants <c>queue.stalled</c>. Default 15 seconds.</summary>
    public TimeSpan StallCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Delivered and failed deliveries are removed after this long. Default 7 days.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Deliveries one node claims and sends at once. Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>The first error in the options, or null when they are valid.</summary>
    public string? Validate()
    {
        if (PollInterval <= TimeSpan.Zero) return "Webhooks.PollInterval must be positive";
        if (Timeout <= TimeSpan.Zero) return "Webhooks.Timeout must be positive";
        if (RetryFor <= TimeSpan.Zero) return "Webhooks.RetryFor must be positive";
        if (RetryBaseDelay <= TimeSpan.Zero) return "Webhooks.RetryBaseDelay must be positive";
        if (RetryMaxDelay < RetryBaseDelay) return "Webhooks.RetryMaxDelay must be at least Webhooks.RetryBaseDelay";
        if (StalledAfter <= TimeSpan.Zero) return "Webhooks.StalledAfter must be positive";
        if (StallCheckInterval <= TimeSpan.Zero) return "Webhooks.StallCheckInterval must be positive";
        if (DeliveryRetention <= TimeSpan.Zero) return "Webhooks.DeliveryRetention must be positive";
        if (BatchSize is < 1 or > 1000) return "Webhooks.BatchSize must be between 1 and 1000";
        return null;
    }
}
