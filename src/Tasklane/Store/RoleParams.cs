namespace Tasklane;

/// <summary>Creates or changes a custom role.</summary>
public sealed record RoleParams
{
    /// <summary>The role's name.</summary>
    public required string Name { get; init; }
    /// <summary>The permissions it grants.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];
    /// <summary>The built-in roles that can manage users (see <see cref="UpdateUserParams.ManagerRoles"/>).</summary>
    public IReadOnlyList<string> ManagerRoles { get; init; } = [];
    /// <summary>The permission to manage users (see <see cref="UpdateUserParams.ManagerPermission"/>).</summary>
    public string? ManagerPermission { get; init; }
    /// <summary>Now.</summary>
    public DateTimeOffset Now { get; init; }
}
