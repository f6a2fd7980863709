namespace Tasklane;

/// <summary>A console and API user.</summary>
public sealed record UserRow
{
    /// <summary>The user's id.</summary>
    public long Id { get; init; }
    /// <summary>The unique sign-in name.</summary>
    public required string Username { get; init; }
    /// <summary>The password hash (never returned by the API).</summary>
    public required string PasswordHash { get; init; }
    /// <summary>The role name: <c>admin</c>, <c>operator</c> or <c>viewer</c>.</summary>
    public required string Role { get; init; }
    /// <summary>A disabled user cannot sign in and its tokens stop working.</summary>
    public bool Disabled { get; init; }
    /// <summary>When the user was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the user last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
