namespace Tasklane;

/// <summary>A new user.</summary>
public sealed record CreateUserParams
{
    /// <summary>The unique sign-in name.</summary>
    public required string Username { get; init; }
    /// <summary>The password hash.</summary>
    public required string PasswordHash { get; init; }
    /// <summary>The role.</summary>
    public required string Role { get; init; }
    /// <summary>Permissions on top of the role's.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
