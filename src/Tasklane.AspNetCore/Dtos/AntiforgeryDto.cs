namespace Tasklane.AspNetCore;

/// <summary>The console's anti-forgery token (<c>GET /api/auth/antiforgery</c>) and the header that carries it.</summary>
internal sealed record AntiforgeryDto(string? Token, string? HeaderName);
