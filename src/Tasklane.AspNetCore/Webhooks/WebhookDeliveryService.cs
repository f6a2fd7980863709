using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// The delivery loop of one node: while a hook exists, claims due deliveries (on PostgreSQL each node its own, with
/// SKIP LOCKED), sends them at once and records the outcomes; checks the queues for stalls while a hook wants
/// <c>queue.stalled</c>; removes old deliveries once an hour. With no hook it reads nothing but the store's cached
/// flags. A failing turn is logged once and the loop goes on.
/// </summary>
internal sealed partial class WebhookDeliveryService(
    IWebhookStore store,
    WebhookSender sender,
    WebhookWakeup wakeup,
    IOptions<TasklaneHttpOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private DateTimeOffset _nextStallCheck = DateTimeOffset.MinValue;
    private DateTimeOffset _nextRetention = DateTimeOffset.MinValue;

    private TasklaneWebhookOptions Options => options.Value.Webhooks;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await TurnAsync(stoppingToken);
                if (failing) LogRecovered();
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!failing) LogTurnFailed(ex);
                failing = true;
            }
            if (more) continue;
            try
            {
                await wakeup.WaitAsync(Options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One turn; true when a full batch was sent (more may be due).</summary>
    public async Task<bool> TurnAsync(CancellationToken cancellationToken)
    {
        var flags = await store.GetWebhookFlagsAsync(cancellationToken);
        if (!flags.Any) return false;
        var now = time.GetUtcNow();
        if (flags.QueueStalled && now >= _nextStallCheck)
        {
            _nextStallCheck = now + Options.StallCheckInterval;
            var stalls = await store.DetectQueueStallsAsync(now, now - Options.StalledAfter, cancellationToken);
            if (stalls > 0) LogStalls(stalls);
        }
        if (now >= _nextRetention)
        {
            _nextRetention = now + RetentionInterval;
            await store.DeleteWebhookDeliveriesAsync(now - Options.DeliveryRetention, cancellationToken);
        }
        var claimed = await store.ClaimWebhookDeliveriesAsync(
            new ClaimWebhookDeliveriesParams(now, now + Options.Timeout + TimeSpan.FromSeconds(30), Options.BatchSize), cancellationToken);
        if (claimed.Count == 0) return false;
        await Task.WhenAll(claimed.Select(d => SendOneAsync(d, cancellationToken)));
        return claimed.Count == Options.BatchSize;
    }

    private async Task SendOneAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = await sender.SendAsync(delivery, cancellationToken);
        await store.RecordWebhookAttemptAsync(attempt, cancellationToken);
        switch (attempt.Status)
        {
            case "failed":
                LogGaveUp(delivery.Id, delivery.Event, Host(delivery.Url), delivery.Attempts, attempt.Error);
                break;
            case "pending":
                LogRetry(delivery.Id, delivery.Event, Host(delivery.Url), delivery.Attempts, attempt.Error, attempt.NextAttemptAt);
                break;
        }
    }

    /// <summary>Only the host of a URL goes to the log: a hook's path or query may hold a token (as chat webhooks do).</summary>
    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "?";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({Event}) to {Host} failed on attempt {Attempt}: {Error}; retrying at {NextAttemptAt}")]
    private partial void LogRetry(long deliveryId, string @event, string host, int attempt, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} ({Event}) to {Host} given up after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(long deliveryId, string @event, string host, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} queue.stalled webhook deliveries enqueued")]
    private partial void LogStalls(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery loop failed; continuing")]
    private partial void LogTurnFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery loop recovered")]
    private partial void LogRecovered();
}
