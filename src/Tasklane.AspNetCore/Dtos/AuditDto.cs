using System.Text.Json;

namespace Tasklane.AspNetCore;

/// <summary>An audit log entry as <c>GET /api/audit</c> shows it.</summary>
internal sealed record AuditDto(
    long Id, DateTimeOffset At, AuditActorDto? Actor, string? Ip, string Action, string? TargetType, string? TargetId, JsonElement? Details)
{
    public static AuditDto From(AuditEntry e) => new(
        e.Id, e.At, e.ActorId is null && e.ActorName is null ? null : new AuditActorDto(e.ActorId, e.ActorName), e.Ip, e.Action,
        e.TargetType, e.TargetId, e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone());
}

/// <summary>Who acted: the user's id (null for a failed sign-in) and name.</summary>
internal sealed record AuditActorDto(long? Id, string? Username);
