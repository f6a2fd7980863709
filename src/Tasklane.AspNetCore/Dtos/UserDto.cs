namespace Tasklane.AspNetCore;

/// <summary>
/// A user as the API shows it (never the password hash): <c>permissions</c> are its extra permissions (what
/// <c>POST</c>/<c>PUT /api/users</c> take), <c>effective_permissions</c> everything its role and those grant.
/// </summary>
internal sealed record UserDto(
    long Id, string Username, string Role, bool Disabled, IReadOnlyList<string> Permissions, IReadOnlyList<string> EffectivePermissions,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserDto From(UserRow u) =>
        new(u.Id, u.Username, u.Role, u.Disabled, u.Permissions, Tasklane.Permissions.Effective(u), u.CreatedAt, u.UpdatedAt);
}
