using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Tasklane.AspNetCore.WebConsole.Pages;
using Tasklane.AspNetCore.Resources;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>
/// The web console: its pages under the prefix, sign-in and sign-out, the language switch and the assets.
/// Every page authenticates itself (no session → the sign-in page with a return address) and checks the
/// permission of the API route behind it (missing → a 403 page).
/// </summary>
internal static class ConsoleEndpoints
{
    public static void Map(RouteGroupBuilder group, string prefix)
    {
        ConsoleAssets.Map(group);
        group.MapGet("/login", TaskAccess.Handle(ctx => LoginPage(ctx, prefix))).AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/login", TaskAccess.Handle(ctx => LoginAsync(ctx, prefix))).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapPost("/logout", TaskAccess.Handle(ctx => LogoutAsync(ctx, prefix))).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapGet("/lang/{code}", TaskAccess.Handle(ctx => Language(ctx, prefix))).AllowAnonymous().ExcludeFromDescription();
        ConsoleLiveEndpoint.Map(group);
        ConsoleTaskPages.Map(group, prefix);
        ConsoleAdminPages.Map(group, prefix);
        ConsoleWebhookForms.Map(group, prefix);
        ConsoleQueueForms.Map(group, prefix);
    }

    /// <summary>A page handler: authenticates, checks <paramref name="permission"/>, then renders.</summary>
    public static Delegate Page(string prefix, string? permission, Func<HttpContext, ConsoleContext, Task<IResult>> render) =>
        TaskAccess.Handle(async (HttpContext http) =>
        {
            var auth = await http.AuthenticateAsync(TasklaneClaims.Scheme);
            if (!auth.Succeeded || auth.Principal is null)
            {
                var back = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
                if (HostSignIn(http, back) is { } challenge) return challenge;
                return Redirect(http, BasePath(http, prefix) + "/login?return=" + Uri.EscapeDataString(back));
            }
            http.User = auth.Principal;
            var ctx = Context(http, prefix);
            if (permission is not null && !ctx.Can(permission))
            {
                return ConsolePageResult.Forbidden(ctx, permission);
            }
            ctx.LiveStamp = await http.RequestServices.GetRequiredService<ConsoleChangeFeed>().StampAsync(http.RequestAborted);
            return await render(http, ctx);
        });

    public static ConsoleContext Context(HttpContext http, string prefix)
    {
        var services = http.RequestServices;
        var csrf = services.GetRequiredService<TasklaneAntiforgery>().Service.GetAndStoreTokens(http).RequestToken ?? "";
        var text = services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(ConsoleText));
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return new ConsoleContext(http.User, BasePath(http, prefix), csrf, ConsoleLanguages.For(http.Request), text, now,
            (http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString())
        {
            // htmx asks for a page's fragments with HX-Request: the page is rendered without its frame.
            Fragment = http.Request.Headers["HX-Request"] == "true",
        };
    }

    /// <summary>The path base plus the prefix, without a trailing slash ("" at the root).</summary>
    public static string BasePath(HttpContext http, string prefix) =>
        (http.Request.PathBase + new PathString(prefix == "/" ? "" : prefix)).Value ?? "";

    public static IResult Redirect(HttpContext http, string location)
    {
        ConsolePageResult.SecurityHeaders(http.Response);
        return TypedResults.Redirect(location);
    }

    /// <summary>With the host's authentication, the host's own sign-in (its challenge) instead of Tasklane's page; else null.</summary>
    private static IResult? HostSignIn(HttpContext http, string back)
    {
        if (http.RequestServices.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.HostAuthentication is not { } host) return null;
        var properties = new AuthenticationProperties { RedirectUri = back };
        return host.Scheme is { } scheme ? TypedResults.Challenge(properties, [scheme]) : TypedResults.Challenge(properties);
    }

    private static IResult LoginPage(HttpContext http, string prefix)
    {
        if (HostSignIn(http, BasePath(http, prefix) + "/") is { } challenge) return challenge;
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        var ctx = Context(http, prefix);
        return ConsolePageResult.For<LoginPage>(ctx, new LoginModel(SafeReturn(ctx, http.Request.Query["return"].ToString())));
    }

    private static async Task<IResult> LoginAsync(HttpContext http, string prefix)
    {
        http.User = new ClaimsPrincipal(new ClaimsIdentity());
        var (form, formError) = await ConsoleForm.ReadAsync(http);
        if (formError is not null) return formError;
        var username = form!["username"].ToString();
        var ret = form["return"].ToString();
        var ctx = Context(http, prefix);
        ConsolePageResult Fail(string key, int status) =>
            ConsolePageResult.For<LoginPage>(ctx, new LoginModel(SafeReturn(ctx, ret), username, ctx.T(key))).WithStatus(status);

        try
        {
            await http.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Fail("login.expired", StatusCodes.Status400BadRequest);
        }
        var password = form!["password"].ToString();
        if (username.Length == 0 || password.Length == 0) return Fail("login.failed", StatusCodes.Status401Unauthorized);
        var outcome = await SessionSignIn.SignInAsync(http, username, password, prefix);
        if (outcome.User is null)
        {
            return Fail(outcome.Status == StatusCodes.Status429TooManyRequests ? "login.throttled" : "login.failed", outcome.Status);
        }
        return Redirect(http, SafeReturn(ctx, ret));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, string prefix)
    {
        var auth = await http.AuthenticateAsync(TasklaneClaims.Scheme);
        if (auth.Succeeded && auth.Principal is not null)
        {
            http.User = auth.Principal;
            if (http.Request.HasFormContentType && (await ConsoleForm.ReadAsync(http)).Error is { } formError) return formError;
            try
            {
                await http.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Problems.Status(StatusCodes.Status400BadRequest, "The sign-out form is missing its anti-forgery token.");
            }
            await SessionSignIn.SignOutAsync(http, auth.Principal.FindFirstValue(TasklaneClaims.TokenHash), prefix);
        }
        return Redirect(http, BasePath(http, prefix) + "/login");
    }

    private static IResult Language(HttpContext http, string prefix)
    {
        var code = http.Request.RouteValues["code"]?.ToString();
        if (ConsoleLanguages.IsKnown(code))
        {
            http.Response.Cookies.Append(ConsoleLanguages.Cookie, code!, new CookieOptions
            {
                Path = SessionSignIn.CookiePath(http, prefix),
                Expires = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1),
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                HttpOnly = true,
                Secure = http.Request.IsHttps,
            });
        }
        var basePath = BasePath(http, prefix);
        var ret = http.Request.Query["return"].ToString();
        return Redirect(http, IsSafe(basePath, ret) ? ret : basePath + "/");
    }

    private static string SafeReturn(ConsoleContext ctx, string ret) => IsSafe(ctx.BasePath, ret) ? ret : ctx.Url("/");

    /// <summary>A local path under the console's prefix (no scheme, no host, no backslash, not the sign-in page).</summary>
    private static bool IsSafe(string basePath, string ret) =>
        ret.StartsWith(basePath + "/", StringComparison.Ordinal) && !ret.StartsWith("//", StringComparison.Ordinal)
        && !ret.Contains('\\', StringComparison.Ordinal) && !ret.StartsWith(basePath + "/login", StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(ret, UriKind.Relative);
}
