namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/auth/login</c>: the bearer token, when it expires, and the signed-in user.</summary>
internal sealed record LoginDto(string? Token, DateTimeOffset ExpiresAt, CurrentUserDto User);
