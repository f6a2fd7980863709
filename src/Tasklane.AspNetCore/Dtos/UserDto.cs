namespace Tasklane.AspNetCore;

/// <summary>A user as the API shows it (never the password hash).</summary>
internal sealed record UserDto(long Id, string Username, string Role, bool Disabled, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserDto From(UserRow u) =>
        new(u.Id, u.Username, u.Role, u.Disabled, Tasklane.Permissions.ForRole(u.Role), u.CreatedAt, u.UpdatedAt);
}
