using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Globalization;
using System.Security.Claims;

namespace Tasklane.AspNetCore;

/// <summary>Sign-in, sign-out, the current user and the console's anti-forgery token.</summary>
internal static partial class AuthEndpoints
{
    private static readonly UserRow Nobody = new() { Username = "", PasswordHash = "", Role = "" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserRow>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    public static void Map(RouteGroupBuilder group, string cookiePath)
    {
        group.MapPost("/api/auth/login", TaskAccess.Handle((HttpContext context) => LoginAsync(context, cookiePath))).AllowAnonymous();
        group.MapPost("/api/auth/logout", TaskAccess.Handle((HttpContext context) => LogoutAsync(context, cookiePath))).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy);
        group.MapGet("/api/auth/me", TaskAccess.Handle(Me)).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy);
        group.MapGet("/api/auth/antiforgery", TaskAccess.Handle(Antiforgery)).RequireAuthorization(TasklaneClaims.AuthenticatedPolicy);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, string cookiePath)
    {
        var cancellationToken = context.RequestAborted;
        var services = context.RequestServices;
        var (body, error) = await RequestBody.ReadAsync<LoginRequest>(context);
        if (error is not null) return error;
        if (string.IsNullOrEmpty(body!.Username)) return Problems.BadRequest("username", "username is required");
        if (string.IsNullOrEmpty(body.Password)) return Problems.BadRequest("password", "password is required");

        var throttle = services.GetRequiredService<LoginThrottle>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Auth");
        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(body.Username, ip) is { } wait)
        {
            LogThrottled(logger, body.Username, ip);
            context.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins; try again later.");
        }

        var store = services.GetRequiredService<ITaskStore>();
        var hasher = services.GetRequiredService<IPasswordHasher<UserRow>>();
        var time = services.GetRequiredService<TimeProvider>();
        var user = await store.FindUserAsync(body.Username, cancellationToken);
        var verdict = PasswordVerificationResult.Failed;
        if (user is null)
        {
            // Same work as a real check, so the answer's timing does not tell which names exist.
            hasher.VerifyHashedPassword(Nobody, DummyHash.Value, body.Password);
        }
        else
        {
            verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, body.Password);
        }
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            throttle.Failed(body.Username, ip);
            LogFailed(logger, body.Username, ip);
            return Problems.Status(StatusCodes.Status401Unauthorized, "Invalid username or password.");
        }
        if (user.Disabled)
        {
            throttle.Failed(body.Username, ip);
            LogFailed(logger, body.Username, ip);
            return Problems.Status(StatusCodes.Status401Unauthorized, "This user is disabled.");
        }
        throttle.Succeeded(body.Username, ip);

        var now = time.GetUtcNow();
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = await store.UpdateUserAsync(new UpdateUserParams { Id = user.Id, PasswordHash = hasher.HashPassword(user, body.Password), Now = now }, cancellationToken) ?? user;
        }
        var token = TokenHasher.NewToken();
        var expiresAt = now + services.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.TokenLifetime;
        await store.CreateTokenAsync(TokenHasher.Hash(token), user.Id, now, expiresAt, cancellationToken);
        context.Response.Cookies.Append(TasklaneClaims.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = CookiePath(context, cookiePath),
            Expires = expiresAt,
            IsEssential = true,
        });
        LogSignedIn(logger, user.Username, ip);
        return TaskAccess.Json(new { token, expires_at = expiresAt, user = CurrentUser(TasklaneClaims.Create(user, TasklaneClaims.ViaBearer, "")) });
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, string cookiePath)
    {
        if (context.User.FindFirstValue(TasklaneClaims.TokenHash) is { Length: > 0 } hash)
        {
            await context.RequestServices.GetRequiredService<ITaskStore>().RevokeTokenAsync(hash, context.RequestAborted);
        }
        context.Response.Cookies.Delete(TasklaneClaims.SessionCookie, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = CookiePath(context, cookiePath),
        });
        return TypedResults.NoContent();
    }

    private static IResult Me(HttpContext context) => TaskAccess.Json(CurrentUser(context.User));

    private static IResult Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return TaskAccess.Json(new { token = tokens.RequestToken, header_name = tokens.HeaderName });
    }

    private static object CurrentUser(ClaimsPrincipal user) => new
    {
        id = user.UserId(),
        username = user.Identity?.Name,
        role = user.FindFirstValue(ClaimTypes.Role),
        permissions = user.FindAll(TasklaneClaims.Permission).Select(c => c.Value).ToArray(),
    };

    private static string CookiePath(HttpContext context, string cookiePath)
    {
        var path = context.Request.PathBase.Add(cookiePath == "/" ? PathString.Empty : new PathString(cookiePath)).Value;
        return string.IsNullOrEmpty(path) ? "/" : path;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} signed in from {Ip}")]
    private static partial void LogSignedIn(ILogger logger, string username, string? ip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for {Username} from {Ip}")]
    private static partial void LogFailed(ILogger logger, string username, string? ip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in for {Username} from {Ip} throttled")]
    private static partial void LogThrottled(ILogger logger, string username, string? ip);
}
