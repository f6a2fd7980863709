using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the settings page shows: the settings and the webhooks section.</summary>
/// <param name="Settings">The task settings.</param>
/// <param name="Hooks">The webhooks (secrets never included).</param>
/// <param name="Workers">The worker names a hook may be limited to.</param>
/// <param name="WebhookNotice">The notice of the last webhook form (after its redirect), or null.</param>
/// <param name="WebhookError">Why the last added hook was refused, or null.</param>
public sealed record SettingsModel(TaskSettings Settings, IReadOnlyList<WebhookRow> Hooks, IReadOnlyList<string> Workers, string? WebhookNotice, string? WebhookError)
{
    /// <summary>The notices a redirect may name (<c>/settings?webhook=created</c>), each a text key.</summary>
    private static readonly string[] Notices = ["created", "deleted", "tested", "not_found"];

    /// <summary>Reads the settings and the hooks; <paramref name="webhookError"/> is a refused add's reason, if any.</summary>
    internal static async Task<SettingsModel> LoadAsync(HttpContext http, ConsoleContext ctx, string? webhookError = null)
    {
        var settings = await http.RequestServices.GetRequiredService<ITaskSettingsProvider>().GetAsync(http.RequestAborted);
        var hooks = await http.RequestServices.GetRequiredService<IWebhookStore>().ListWebhooksAsync(http.RequestAborted);
        var workers = (await http.RequestServices.GetRequiredService<ITaskStore>().ListWorkersAsync(http.RequestAborted)).Select(w => w.Identifier).ToList();
        var notice = http.Request.Query["webhook"].ToString();
        return new SettingsModel(settings, hooks, workers,
            Notices.Contains(notice, StringComparer.Ordinal) ? ctx.T("webhooks." + notice) : null, webhookError);
    }
}
