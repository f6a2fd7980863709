namespace Tasklane.AspNetCore;

/// <summary>A role as <c>/api/roles</c> shows it: a built-in one (fixed) or a custom one.</summary>
internal sealed record RoleDto(string Name, IReadOnlyList<string> Permissions, bool BuiltIn)
{
    public static RoleDto From(RoleRow role) => new(role.Name, role.Permissions, false);
}
