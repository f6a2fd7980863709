namespace Tasklane;

/// <summary>Changes to a user; null fields are kept.</summary>
public sealed record UpdateUserParams
{
    /// <summary>The user.</summary>
    public long Id { get; init; }
    /// <summary>A new password hash.</summary>
    public string? PasswordHash { get; init; }
    /// <summary>A new role.</summary>
    public string? Role { get; init; }
    /// <summary>Disable or enable.</summary>
    public bool? Disabled { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
