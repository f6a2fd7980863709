namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/users</c>.</summary>
internal sealed record CreateUserRequest
{
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Role { get; init; }
    /// <summary>Extra permissions on top of the role's (replacing the old ones on update).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }
}
