using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore.WebConsole.Pages;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The webhook forms of /settings, posted as plain HTML forms: add, delete, send test (<c>system:settings:update</c>,
/// anti-forgery checked; without the permission the authorization middleware answers 401/403 before the handler). Each answers with a redirect back to the section with a notice; a refused add renders the
/// page again with the reason (400).
/// </summary>
internal static class ConsoleWebhookForms
{
    public static void Map(RouteGroupBuilder group, string prefix)
    {
        group.MapPost("/settings/webhooks", Form(prefix, CreateAsync)).DisableAntiforgery().RequirePermission(Permissions.SystemSettingsUpdate).ExcludeFromDescription();
        group.MapPost("/settings/webhooks/{id}/delete", Form(prefix, async (http, _, id) =>
            await WebhookOperations.DeleteAsync(http, id) ? "deleted" : "not_found")).DisableAntiforgery().RequirePermission(Permissions.SystemSettingsUpdate).ExcludeFromDescription();
        group.MapPost("/settings/webhooks/{id}/test", Form(prefix, async (http, _, id) =>
            await WebhookOperations.TestAsync(http, id) is not null ? "tested" : "not_found")).DisableAntiforgery().RequirePermission(Permissions.SystemSettingsUpdate).ExcludeFromDescription();
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ConsoleContext ctx, IFormCollection form)
    {
        var request = new CreateWebhookRequest
        {
            Url = form["url"].ToString(),
            Events = [.. form["events"].Select(e => e ?? "")],
            Worker = form["worker"].ToString(),
            Secret = form["secret"].ToString(),
        };
        var (hook, _, error) = await WebhookOperations.CreateAsync(http, request);
        if (hook is not null) return Back(ctx, "created");
        return ConsolePageResult.For<SettingsPage>(ctx, await SettingsModel.LoadAsync(http, ctx, error)).WithStatus(StatusCodes.Status400BadRequest);
    }

    private static Delegate Form(string prefix, Func<HttpContext, ConsoleContext, long, Task<string>> act) =>
        Form(prefix, async (http, ctx, _) =>
        {
            var (id, bad) = TaskAccess.ParseId(http);
            return bad ?? Back(ctx, await act(http, ctx, id));
        });

    /// <summary>Authenticates the console session, checks the permission, reads the form and its anti-forgery token, then acts.</summary>
    private static Delegate Form(string prefix, Func<HttpContext, ConsoleContext, IFormCollection, Task<IResult>> act) =>
        TaskAccess.Handle(async (HttpContext http) =>
        {
            var auth = await http.AuthenticateAsync(TasklaneClaims.Scheme);
            if (!auth.Succeeded || auth.Principal is null) return ConsoleEndpoints.Redirect(http, ConsoleEndpoints.BasePath(http, prefix) + "/login");
            http.User = auth.Principal;
            var ctx = ConsoleEndpoints.Context(http, prefix);
            if (!ctx.Can(Permissions.SystemSettingsUpdate))
            {
                return ConsolePageResult.Forbidden(ctx, Permissions.SystemSettingsUpdate);
            }
            var (form, formError) = await ConsoleForm.ReadAsync(http);
            if (formError is not null) return formError;
            try
            {
                await http.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Problems.Status(StatusCodes.Status400BadRequest, "The form is missing its anti-forgery token: reload the page and try again.");
            }
            return await act(http, ctx, form!);
        });

    /// <summary>303 to the section, naming the notice to show.</summary>
    private static IResult Back(ConsoleContext ctx, string notice)
    {
        return new SeeOther(ctx.Url("/settings") + "?webhook=" + notice + "#webhooks");
    }

    /// <summary>A 303 with the console's security headers: the browser follows it with a GET.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ConsolePageResult.SecurityHeaders(httpContext.Response);
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
