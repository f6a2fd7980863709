using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>
/// The audit entries of the HTTP API: who (the signed-in user), from where (the connection's IP as the host sees
/// it, after any forwarded-headers middleware the host runs), when (the injected clock). An endpoint begins the
/// scope around the call that carries out its action, so the store writes the entry in that action's transaction;
/// <see cref="CompleteAsync"/> appends it afterwards when no store write took it (see docs/security.md).
/// </summary>
internal static class HttpAudit
{
    /// <summary>Begins the scope of <paramref name="action"/> by the caller; <paramref name="details"/> is serialised as the API's JSON.</summary>
    public static AuditScope Begin(HttpContext context, string action, string? targetType, string? targetId, object? details = null) =>
        AuditScope.Begin(Entry(context, action, targetType, targetId, details, context.User.UserId(), context.User.Identity?.Name));

    /// <summary>Begins the scope of an action by a user who is not (yet) the request's principal: a sign-in.</summary>
    public static AuditScope BeginAs(HttpContext context, long? actorId, string? actorName, string action, object? details = null) =>
        AuditScope.Begin(Entry(context, action, "user", actorId?.ToString(System.Globalization.CultureInfo.InvariantCulture), details, actorId, actorName));

    /// <summary>After the action succeeded: appends the entry when no store write of the action took it.</summary>
    public static Task CompleteAsync(HttpContext context, AuditScope scope) =>
        scope.Written
            ? Task.CompletedTask
            : context.RequestServices.GetRequiredService<IAccountStore>().AppendAuditAsync(scope.Entry, context.RequestAborted);

    /// <summary>Appends an entry for an action that is not one store transaction.</summary>
    public static Task AppendAsync(HttpContext context, string action, string? targetType, string? targetId, object? details = null) =>
        context.RequestServices.GetRequiredService<IAccountStore>().AppendAuditAsync(
            Entry(context, action, targetType, targetId, details, context.User.UserId(), context.User.Identity?.Name), context.RequestAborted);

    private static AuditEntry Entry(HttpContext context, string action, string? targetType, string? targetId, object? details, long? actorId, string? actorName) => new()
    {
        At = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
        ActorId = actorId,
        ActorName = actorName,
        Ip = context.Connection.RemoteIpAddress?.ToString(),
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Details = details is null ? null : JsonSerializer.Serialize(details, ApiJson.Options),
    };
}
