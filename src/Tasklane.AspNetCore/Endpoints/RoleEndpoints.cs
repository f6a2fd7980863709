using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>
/// Roles (<c>user:manage</c>): the three built-in ones, fixed (a change or delete is a 409), and custom ones. A role
/// that a user holds is not deleted (409); a change that would leave no enabled user with <c>user:manage</c> is a
/// 409, checked in the change's transaction.
/// </summary>
internal static partial class RoleEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/roles", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("The built-in and custom roles with their permissions");
        group.MapPost("/api/roles", TaskAccess.Handle(CreateAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Create a custom role")
            .WithBody<RoleRequest>();
        group.MapPut("/api/roles/{name}", TaskAccess.Handle(UpdateAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Replace a custom role's permissions (built-in roles: 409)")
            .WithBody<RoleRequest>();
        group.MapDelete("/api/roles/{name}", TaskAccess.Handle(DeleteAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Delete a custom role (409 while a user holds it)");
    }

    /// <summary>Built-in roles first, then the custom ones by name.</summary>
    public static async Task<IReadOnlyList<RoleDto>> ListAsync(IAccountStore store, CancellationToken cancellationToken) =>
        [
            .. Permissions.Roles.Select(r => new RoleDto(r.Key, r.Value, true)),
            .. (await store.ListRolesAsync(cancellationToken)).Select(RoleDto.From),
        ];

    /// <summary>
    /// The permissions of a body (null when absent), without repeats; a 400 naming <c>permissions[i]</c> for one that
    /// does not exist.
    /// </summary>
    public static (IReadOnlyList<string>? Permissions, ApiProblem? Error) ReadPermissions(IReadOnlyList<string>? permissions)
    {
        if (permissions is null) return (null, null);
        for (var i = 0; i < permissions.Count; i++)
        {
            if (!Permissions.All.Contains(permissions[i], StringComparer.Ordinal))
            {
                return (null, Problems.BadRequest($"permissions[{i}]", $"permissions[{i}] is not a permission; known: {string.Join(", ", Permissions.All)}"));
            }
        }
        return ([.. permissions.Distinct(StringComparer.Ordinal)], null);
    }

    private static async Task<ApiOk<ItemsDto<RoleDto>>> ListAsync(HttpContext context) =>
        ApiResults.Ok(new ItemsDto<RoleDto>(await ListAsync(Store(context), context.RequestAborted)));

    private static async Task<Results<ApiCreated<RoleDto>, ApiProblem>> CreateAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<RoleRequest>(context);
        if (error is not null) return error;
        if (body!.Name is not { } name || !NameShape().IsMatch(name))
        {
            return Problems.BadRequest("name", "name must be 1–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (Permissions.IsBuiltInRole(name)) return Problems.Conflict($"'{name}' is a built-in role.");
        var (permissions, bad) = ReadPermissions(body.Permissions ?? []);
        if (bad is not null) return bad;
        using var audit = HttpAudit.Begin(context, "role.create", "role", name, new { permissions });
        var result = await Store(context).CreateRoleAsync(new RoleParams { Name = name, Permissions = permissions!, Now = Now(context) }, context.RequestAborted);
        if (result.Outcome == RoleChangeOutcome.Exists) return Problems.Conflict($"A role named '{name}' exists.");
        await HttpAudit.CompleteAsync(context, audit);
        var location = (context.Request.PathBase + context.Request.Path).Value?.TrimEnd('/') + "/" + Uri.EscapeDataString(name);
        return ApiResults.Created(location, RoleDto.From(result.Role!));
    }

    private static async Task<Results<ApiOk<RoleDto>, ApiProblem>> UpdateAsync(HttpContext context)
    {
        var name = Name(context);
        if (Permissions.IsBuiltInRole(name)) return Problems.Conflict($"'{name}' is a built-in role: it cannot be changed.");
        var (body, error) = await RequestBody.ReadAsync<RoleRequest>(context);
        if (error is not null) return error;
        if (body!.Name is not null && body.Name != name) return Problems.BadRequest("name", "a role cannot be renamed: create a new one");
        if (body.Permissions is null) return Problems.BadRequest("permissions", "permissions is required");
        var (permissions, bad) = ReadPermissions(body.Permissions);
        if (bad is not null) return bad;
        using var audit = HttpAudit.Begin(context, "role.update", "role", name, new { permissions });
        var result = await Store(context).UpdateRoleAsync(new RoleParams
        {
            Name = name,
            Permissions = permissions!,
            ManagerRoles = Permissions.RolesWith(Permissions.UserManage),
            ManagerPermission = Permissions.UserManage,
            Now = Now(context),
        }, context.RequestAborted);
        if (result.Outcome == RoleChangeOutcome.Changed) await HttpAudit.CompleteAsync(context, audit);
        return result.Outcome switch
        {
            RoleChangeOutcome.Changed => ApiResults.Ok(RoleDto.From(result.Role!)),
            RoleChangeOutcome.LastManager => Problems.Conflict(
                $"This change would leave no enabled user with {Permissions.UserManage}; give another user that permission first."),
            _ => Problems.NotFound("role"),
        };
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(HttpContext context)
    {
        var name = Name(context);
        if (Permissions.IsBuiltInRole(name)) return Problems.Conflict($"'{name}' is a built-in role: it cannot be deleted.");
        using var audit = HttpAudit.Begin(context, "role.delete", "role", name);
        var result = await Store(context).DeleteRoleAsync(name, context.RequestAborted);
        if (result.Outcome == RoleChangeOutcome.Changed) await HttpAudit.CompleteAsync(context, audit);
        return result.Outcome switch
        {
            RoleChangeOutcome.Changed => TypedResults.NoContent(),
            RoleChangeOutcome.InUse => Problems.Conflict($"Users hold the role '{name}': give them another role first."),
            _ => Problems.NotFound("role"),
        };
    }

    private static string Name(HttpContext context) => context.Request.RouteValues["name"]?.ToString() ?? "";

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static IAccountStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IAccountStore>();

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,63}$")]
    private static partial Regex NameShape();
}
