using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Security.Claims;

namespace Tasklane.AspNetCore;

/// <summary>Sign-in, sign-out, the current user and the console's anti-forgery token.</summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder group, string cookiePath)
    {
        group.MapPost("/api/auth/login", TaskAccess.Handle((HttpContext context) => LoginAsync(context, cookiePath))).AllowAnonymous()
            .WithTags("Authentication").WithSummary("Sign in: a bearer token, and the console's session cookie")
            .WithBody<LoginRequest>();
        group.MapPost("/api/auth/logout", TaskAccess.Handle((HttpContext context) => LogoutAsync(context, cookiePath))).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy)
            .WithTags("Authentication").WithSummary("End the session and revoke the token");
        group.MapGet("/api/auth/me", TaskAccess.Handle(Me)).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy)
            .WithTags("Authentication").WithSummary("The current user with its permissions");
        group.MapGet("/api/auth/antiforgery", TaskAccess.Handle(Antiforgery)).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy)
            .WithTags("Authentication").WithSummary("The anti-forgery token for cookie-authenticated writes");
    }

    private static async Task<IResult> LoginAsync(HttpContext context, string cookiePath)
    {
        var (body, error) = await RequestBody.ReadAsync<LoginRequest>(context);
        if (error is not null) return error;
        if (string.IsNullOrEmpty(body!.Username)) return Problems.BadRequest("username", "username is required");
        if (string.IsNullOrEmpty(body.Password)) return Problems.BadRequest("password", "password is required");

        var outcome = await SessionSignIn.SignInAsync(context, body.Username, body.Password, cookiePath);
        if (outcome.User is not { } user)
        {
            if (outcome.RetryAfter is { } wait) context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Problems.Status(outcome.Status, outcome.Error);
        }
        return TaskAccess.Json(new { token = outcome.Token, expires_at = outcome.ExpiresAt, user = CurrentUser(TasklaneClaims.Create(user, TasklaneClaims.ViaBearer, "")) });
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, string cookiePath)
    {
        await SessionSignIn.SignOutAsync(context, context.User.FindFirstValue(TasklaneClaims.TokenHash), cookiePath);
        return TypedResults.NoContent();
    }

    private static IResult Me(HttpContext context) => TaskAccess.Json(CurrentUser(context.User));

    private static IResult Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.GetAndStoreTokens(context);
        return TaskAccess.Json(new { token = tokens.RequestToken, header_name = tokens.HeaderName });
    }

    private static object CurrentUser(ClaimsPrincipal user) => new
    {
        id = user.UserId(),
        username = user.Identity?.Name,
        role = user.FindFirstValue(ClaimTypes.Role),
        permissions = user.FindAll(TasklaneClaims.Permission).Select(c => c.Value).ToArray(),
    };
}
