using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>
/// Create, delete and test a webhook, for the API and the console alike: validation (a 400 naming the field), the
/// secret encrypted before it reaches the store, the audit entry (secret masked) in the change's own transaction.
/// </summary>
internal static class WebhookOperations
{
    public const int MaxUrlLength = 2048;
    public const int MaxSecretLength = 1024;
    private const string Masked = "********";

    /// <summary>The created hook, or the problem with the request.</summary>
    public static async Task<(WebhookRow? Hook, string? Field, string? Error)> CreateAsync(HttpContext context, CreateWebhookRequest body)
    {
        if (body.Url is not { Length: > 0 } url || url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return (null, "url", $"url must be an absolute http or https URL of at most {MaxUrlLength} characters");
        }
        if (body.Events is not { Count: > 0 } events) return (null, "events", "events must name at least one of: " + string.Join(", ", WebhookEvents.All));
        for (var i = 0; i < events.Count; i++)
        {
            if (!WebhookEvents.All.Contains(events[i], StringComparer.Ordinal))
            {
                return (null, $"events[{i}]", $"events[{i}] is not an event; known: {string.Join(", ", WebhookEvents.All)}");
            }
        }
        var worker = string.IsNullOrWhiteSpace(body.Worker) ? null : body.Worker;
        if (worker is not null && await context.RequestServices.GetRequiredService<ITaskStore>().GetWorkerAsync(worker, context.RequestAborted) is null)
        {
            return (null, "worker", $"worker '{worker}' is not registered");
        }
        if (string.IsNullOrEmpty(body.Secret) || body.Secret.Length > MaxSecretLength)
        {
            return (null, "secret", $"secret is required (1–{MaxSecretLength} characters): it keys the HMAC signature of every delivery");
        }
        var ordered = WebhookEvents.All.Where(events.Contains).ToList();
        var protector = context.RequestServices.GetServices<ISecretProtector>().LastOrDefault()
            ?? throw new InvalidOperationException("Webhooks need an ISecretProtector: call AddTasklaneHttp().");
        using var audit = HttpAudit.Begin(context, "webhook.create", "webhook", null, new { url, events = ordered, worker, secret = Masked });
        var hook = await Store(context).CreateWebhookAsync(new CreateWebhookParams
        {
            Url = url,
            Worker = worker,
            Events = ordered,
            ProtectedSecret = protector.Protect(body.Secret),
            Now = Now(context),
        }, context.RequestAborted);
        await HttpAudit.CompleteAsync(context, audit);
        // The loop sleeps as long as the cached flags are trusted while there is no hook: it starts sending now.
        context.RequestServices.GetRequiredService<WebhookWakeup>().Wake();
        return (hook, null, null);
    }

    /// <summary>Deletes the hook; false when it does not exist.</summary>
    public static async Task<bool> DeleteAsync(HttpContext context, long id)
    {
        var hook = await Store(context).GetWebhookAsync(id, context.RequestAborted);
        if (hook is null) return false;
        using var audit = HttpAudit.Begin(context, "webhook.delete", "webhook", Id(id), new { url = hook.Url });
        if (!await Store(context).DeleteWebhookAsync(id, context.RequestAborted)) return false;
        await HttpAudit.CompleteAsync(context, audit);
        return true;
    }

    /// <summary>Enqueues a <c>webhook.test</c> delivery and wakes this node's sender; its id, or null when the hook does not exist.</summary>
    public static async Task<long?> TestAsync(HttpContext context, long id)
    {
        using var audit = HttpAudit.Begin(context, "webhook.test", "webhook", Id(id));
        var delivery = await Store(context).EnqueueWebhookTestAsync(id, Now(context), context.RequestAborted);
        if (delivery is null) return null;
        await HttpAudit.CompleteAsync(context, audit);
        context.RequestServices.GetRequiredService<WebhookWakeup>().Wake();
        return delivery;
    }

    private static IWebhookStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IWebhookStore>();

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
