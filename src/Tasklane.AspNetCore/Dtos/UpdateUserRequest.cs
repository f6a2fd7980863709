namespace Tasklane.AspNetCore;

/// <summary>The body of <c>PUT /api/users/:id</c>; absent fields are kept.</summary>
internal sealed record UpdateUserRequest
{
    public string? Password { get; init; }
    public string? Role { get; init; }
    /// <summary>Extra permissions on top of the role's (replacing the old ones on update).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }
    public bool? Disabled { get; init; }
}
