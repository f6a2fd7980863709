namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
internal sealed record LoginRequest
{
    public string? Username { get; init; }
    public string? Password { get; init; }
}
