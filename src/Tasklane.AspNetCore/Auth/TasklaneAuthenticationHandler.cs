using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// The one authentication scheme of the API: a bearer token or the console's session cookie, both an
/// opaque token looked up by its hash on every request. Challenge and forbid answer problem+json.
/// </summary>
internal sealed class TasklaneAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccountStore store,
    TimeProvider time,
    IOptions<TasklaneHttpOptions> httpOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        var via = TasklaneClaims.ViaBearer;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Cookies.TryGetValue(TasklaneClaims.SessionCookie, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            token = cookie;
            via = TasklaneClaims.ViaCookie;
        }
        if (string.IsNullOrEmpty(token))
        {
            return httpOptions.Value.HostAuthentication is { } host ? await HostUserAsync(host) : AuthenticateResult.NoResult();
        }

        var hash = TokenHasher.Hash(token);
        var user = await store.FindTokenUserAsync(hash, time.GetUtcNow(), Context.RequestAborted);
        if (user is null || user.Disabled) return AuthenticateResult.Fail("The token is invalid, expired or revoked.");
        return AuthenticateResult.Success(new AuthenticationTicket(TasklaneClaims.Create(user, via, hash), Scheme.Name));
    }

    /// <summary>The host's signed-in user (its scheme, or its default one), with the permissions the host's map grants.</summary>
    private async Task<AuthenticateResult> HostUserAsync(TasklaneHostAuthentication host)
    {
        var result = host.Scheme is { } scheme ? await Context.AuthenticateAsync(scheme) : await HostDefaultAsync();
        if (!result.Succeeded || result.Principal is not { Identity.IsAuthenticated: true } user) return AuthenticateResult.NoResult();
        var id = user.FindFirstValue(host.UserIdClaimType);
        if (string.IsNullOrEmpty(id)) return AuthenticateResult.Fail($"The host's user has no {host.UserIdClaimType} claim.");
        // Credentials a browser sends by itself (the host's cookie) need the anti-forgery header on unsafe methods.
        var via = Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? TasklaneClaims.ViaBearer : TasklaneClaims.ViaCookie;
        return AuthenticateResult.Success(new AuthenticationTicket(
            TasklaneClaims.CreateForHost(user, id, host.PermissionsOf(user), via), Scheme.Name));
    }

    private async Task<AuthenticateResult> HostDefaultAsync()
    {
        var schemes = Context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        var scheme = await schemes.GetDefaultAuthenticateSchemeAsync();
        if (scheme is null || scheme.Name == Scheme.Name) return AuthenticateResult.NoResult();
        return await Context.AuthenticateAsync(scheme.Name);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, "Sign in first: send a bearer token or the session cookie.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "You do not have the permission this requires.");
}
