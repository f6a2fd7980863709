namespace Tasklane.AspNetCore;

/// <summary>The body of <c>POST /api/roles</c> (name and permissions) and <c>PUT /api/roles/:name</c> (permissions).</summary>
internal sealed record RoleRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Permissions { get; init; }
}
