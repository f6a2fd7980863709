using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// Sends one claimed delivery: the body (built on the first attempt, the same bytes on every retry), signed with the
/// hook's secret, POSTed through the named <see cref="IHttpClientFactory"/> client (no redirects followed, the host's
/// clients untouched) within the timeout. Any 2xx answer delivers it; anything else is retried with a doubling wait
/// until <see cref="TasklaneWebhookOptions.RetryFor"/> after the event, then it is given up.
/// </summary>
internal sealed class WebhookSender(
    IHttpClientFactory clients,
    ITaskStore store,
    IEnumerable<ISecretProtector> protectors,
    IOptions<TasklaneHttpOptions> options,
    TimeProvider time)
{
    /// <summary>The name of the HTTP client webhooks are sent with.</summary>
    public const string ClientName = "Tasklane.Webhooks";

    private TasklaneWebhookOptions Options => options.Value.Webhooks;

    public async Task<WebhookAttempt> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = delivery.Body ?? await WebhookPayload.BuildAsync(delivery, store, cancellationToken);
        int? statusCode = null;
        string error;
        try
        {
            var secret = Protector().Unprotect(delivery.ProtectedSecret);
            var bytes = Encoding.UTF8.GetBytes(body);
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(secret, time.GetUtcNow(), bytes));
            request.Headers.TryAddWithoutValidation("Tasklane-Event", delivery.Event);
            request.Headers.TryAddWithoutValidation("Tasklane-Delivery", delivery.Id.ToString(CultureInfo.InvariantCulture));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Options.Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            statusCode = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return Attempt(delivery, body, "delivered", statusCode, null, time.GetUtcNow());
            error = response.Headers.Location is { } location
                ? $"HTTP {statusCode}: redirect to {location} not followed"
                : $"HTTP {statusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {Options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        catch (CryptographicException)
        {
            error = "the secret cannot be decrypted: the key ring no longer has its key";
        }
        return Retry(delivery, body, statusCode, error);
    }

    private WebhookAttempt Retry(WebhookDelivery delivery, string body, int? statusCode, string error)
    {
        var now = time.GetUtcNow();
        var wait = TimeSpan.FromTicks(Math.Min(
            Options.RetryMaxDelay.Ticks,
            Options.RetryBaseDelay.Ticks * (long)Math.Pow(2, Math.Min(Math.Max(delivery.Attempts - 1, 0), 20))));
        var next = now + wait;
        return next - delivery.CreatedAt > Options.RetryFor
            ? Attempt(delivery, body, "failed", statusCode, error, now)
            : Attempt(delivery, body, "pending", statusCode, error, now) with { NextAttemptAt = next };
    }

    private static WebhookAttempt Attempt(WebhookDelivery delivery, string body, string status, int? statusCode, string? error, DateTimeOffset now) => new()
    {
        DeliveryId = delivery.Id,
        Status = status,
        NextAttemptAt = now,
        StatusCode = statusCode,
        Error = error,
        Body = body,
        Now = now,
    };

    private ISecretProtector Protector() => protectors.LastOrDefault()
        ?? throw new InvalidOperationException("Webhooks need an ISecretProtector: call AddTasklaneHttp().");
}
