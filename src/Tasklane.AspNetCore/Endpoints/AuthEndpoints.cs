using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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

    private static async Task<Results<ApiOk<LoginDto>, ApiProblem>> LoginAsync(HttpContext context, string cookiePath)
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
        return ApiResults.Ok(new LoginDto(outcome.Token, outcome.ExpiresAt, CurrentUser(TasklaneClaims.Create(user, TasklaneClaims.ViaBearer, ""))));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, string cookiePath)
    {
        await SessionSignIn.SignOutAsync(context, context.User.FindFirstValue(TasklaneClaims.TokenHash), cookiePath);
        return TypedResults.NoContent();
    }

    private static ApiOk<CurrentUserDto> Me(HttpContext context) => ApiResults.Ok(CurrentUser(context.User));

    private static ApiOk<AntiforgeryDto> Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<TasklaneAntiforgery>().Service.GetAndStoreTokens(context);
        return ApiResults.Ok(new AntiforgeryDto(tokens.RequestToken, tokens.HeaderName));
    }

    private static CurrentUserDto CurrentUser(ClaimsPrincipal user) => new(
        user.UserId(), user.Identity?.Name, user.FindFirstValue(ClaimTypes.Role), [.. user.FindAll(TasklaneClaims.Permission).Select(c => c.Value)]);
}
