using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// The delivery loop of one node: while a hook exists, claims due deliveries (on PostgreSQL each node its own, with
/// SKIP LOCKED), sends them at once and records the outcomes; checks the queues for stalls while a hook wants
/// <c>queue.stalled</c>; removes old deliveries once an hour. Before it claims (a write) it reads when the earliest
/// pending delivery is due, and sleeps until then, at most <see cref="TasklaneWebhookOptions.PollInterval"/> (the
/// deliveries that transitions write meanwhile are found by that poll). With no hook it reads nothing but the store's
/// cached flags and sleeps as long as they are trusted (<see cref="IWebhookStore.WebhookFlagsMaxAge"/>), woken at once
/// when a hook is created or tested through this node. A failing turn is logged once and the loop goes on.
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
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(5);
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
            var wait = Options.PollInterval;
            try
            {
                (more, wait) = await TurnCoreAsync(stoppingToken);
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
                await wakeup.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One turn; true when a full batch was sent (more may be due).</summary>
    public async Task<bool> TurnAsync(CancellationToken cancellationToken) => (await TurnCoreAsync(cancellationToken)).More;

    /// <summary>One turn: whether a full batch was sent (more may be due), and how long to sleep otherwise.</summary>
    private async Task<(bool More, TimeSpan Wait)> TurnCoreAsync(CancellationToken cancellationToken)
    {
        var flags = await store.GetWebhookFlagsAsync(cancellationToken);
        var poll = Options.PollInterval;
        if (!flags.Any) return (false, store.WebhookFlagsMaxAge > poll ? store.WebhookFlagsMaxAge : poll);
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
        // A read first: a turn with nothing due writes nothing, and sleeps until the earliest delivery is due.
        if (await store.NextWebhookDeliveryDueAsync(cancellationToken) is not { } due) return (false, poll);
        if (due > now)
        {
            var until = due - now;
            return (false, until < poll ? (until < Shortest ? Shortest : until) : poll);
        }
        var claimed = await store.ClaimWebhookDeliveriesAsync(
            new ClaimWebhookDeliveriesParams(now, now + Options.Timeout + TimeSpan.FromSeconds(30), Options.BatchSize), cancellationToken);
        if (claimed.Count == 0) return (false, poll);
        await Task.WhenAll(claimed.Select(d => SendOneAsync(d, cancellationToken)));
        // Look again at once: a retry of what was just sent may be due sooner than the poll.
        return (claimed.Count == Options.BatchSize, Shortest);
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
