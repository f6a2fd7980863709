using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// The one sign-in of the API and the console: throttle, password check (same work for unknown names),
/// token creation and the session cookie; and the sign-out that revokes the token and drops the cookie.
/// </summary>
internal static partial class SessionSignIn
{
    /// <summary>The one answer to a failed sign-in, whatever failed: unknown name, wrong password or disabled user.</summary>
    public const string FailedMessage = "Invalid username or password.";

    private static readonly UserRow Nobody = new() { Username = "", PasswordHash = "", Role = "" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserRow>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    /// <summary>The outcome: the user and token on success, else the status (401 or 429), a message and the wait.</summary>
    public sealed record Outcome(UserRow? User, string? Token, DateTimeOffset ExpiresAt, int Status, string? Error, TimeSpan? RetryAfter);

    public static async Task<Outcome> SignInAsync(HttpContext context, string username, string password, string cookiePath)
    {
        var cancellationToken = context.RequestAborted;
        var services = context.RequestServices;
        var throttle = services.GetRequiredService<LoginThrottle>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Auth");
        var ip = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(username, ip) is { } wait)
        {
            LogThrottled(logger, username, ip);
            return new Outcome(null, null, default, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins; try again later.", wait);
        }

        var store = services.GetRequiredService<IAccountStore>();
        var hasher = services.GetRequiredService<IPasswordHasher<UserRow>>();
        var time = services.GetRequiredService<TimeProvider>();
        var user = await store.FindUserAsync(username, cancellationToken);
        // The key derivation runs for every attempt (a dummy hash for an unknown name) and a disabled user's right
        // password gets the very answer of a wrong one, so neither the answer nor its timing tells which names exist,
        // which are disabled, or that a password was right.
        var verdict = PasswordVerificationResult.Failed;
        if (user is null) hasher.VerifyHashedPassword(Nobody, DummyHash.Value, password);
        else verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user is null || verdict == PasswordVerificationResult.Failed || user.Disabled)
        {
            throttle.Failed(username, ip);
            LogFailed(logger, username, ip);
            // Not one store transaction (nothing is written but the entry): appended on its own. The name tried is the
            // actor's name, with no id, whether or not such a user exists.
            await store.AppendAuditAsync(new AuditEntry
            {
                At = time.GetUtcNow(), ActorName = username, Ip = ip, Action = "auth.login_failed", TargetType = "user",
            }, cancellationToken);
            return new Outcome(null, null, default, StatusCodes.Status401Unauthorized, FailedMessage, null);
        }
        throttle.Succeeded(username, ip);

        var now = time.GetUtcNow();
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = (await store.UpdateUserAsync(new UpdateUserParams { Id = user.Id, PasswordHash = hasher.HashPassword(user, password), Now = now }, cancellationToken)).User ?? user;
        }
        var token = TokenHasher.NewToken();
        var expiresAt = now + services.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.TokenLifetime;
        using (var audit = HttpAudit.BeginAs(context, user.Id, user.Username, "auth.login"))
        {
            await store.CreateTokenAsync(TokenHasher.Hash(token), user.Id, now, expiresAt, cancellationToken);
            await HttpAudit.CompleteAsync(context, audit);
        }
        context.Response.Cookies.Append(TasklaneClaims.SessionCookie, token, CookieOptions(context, cookiePath, expiresAt));
        LogSignedIn(logger, user.Username, ip);
        return new Outcome(user, token, expiresAt, StatusCodes.Status200OK, null, null);
    }

    /// <summary>Revokes the caller's token (when it has one) and deletes the session cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, string? tokenHash, string cookiePath)
    {
        if (tokenHash is { Length: > 0 })
        {
            using var audit = HttpAudit.Begin(context, "auth.logout", "user", context.User.UserId()?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await context.RequestServices.GetRequiredService<IAccountStore>().RevokeTokenAsync(tokenHash, context.RequestAborted);
            await HttpAudit.CompleteAsync(context, audit);
        }
        context.Response.Cookies.Delete(TasklaneClaims.SessionCookie, CookieOptions(context, cookiePath, null));
    }

    /// <summary>The host's path base plus the prefix Tasklane is mapped under; "/" at the root.</summary>
    public static string CookiePath(HttpContext context, string cookiePath)
    {
        var path = context.Request.PathBase.Add(cookiePath == "/" ? PathString.Empty : new PathString(cookiePath)).Value;
        return string.IsNullOrEmpty(path) ? "/" : path;
    }

    private static CookieOptions CookieOptions(HttpContext context, string cookiePath, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = CookiePath(context, cookiePath),
        Expires = expires,
        IsEssential = true,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} signed in from {Ip}")]
    private static partial void LogSignedIn(ILogger logger, string username, string? ip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in for {Username} from {Ip}")]
    private static partial void LogFailed(ILogger logger, string username, string? ip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in for {Username} from {Ip} throttled")]
    private static partial void LogThrottled(ILogger logger, string username, string? ip);
}
