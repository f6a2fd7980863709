namespace Tasklane.AspNetCore;

/// <summary>The signed-in user (<c>GET /api/auth/me</c>): id, name, role and every permission it holds.</summary>
internal sealed record CurrentUserDto(long? Id, string? Username, string? Role, string[] Permissions);
