using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tasklane.AspNetCore;

/// <summary>Users and roles (<c>user:manage</c>).</summary>
internal static partial class UserEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/users", TaskAccess.Handle(ListAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Users");
        group.MapPost("/api/users", TaskAccess.Handle(CreateAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Create a user")
            .WithBody<CreateUserRequest>();
        group.MapGet("/api/users/{id}", TaskAccess.Handle(GetAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("One user");
        group.MapPut("/api/users/{id}", TaskAccess.Handle(UpdateAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Change a user's password, role, extra permissions or disabled flag")
            .WithBody<UpdateUserRequest>();
        group.MapDelete("/api/users/{id}", TaskAccess.Handle(DeleteAsync)).RequirePermission(Permissions.UserManage)
            .WithTags("Users").WithSummary("Delete a user");
    }

    private static async Task<ApiOk<ItemsDto<UserDto>>> ListAsync(HttpContext context)
    {
        var users = await Store(context).ListUsersAsync(context.RequestAborted);
        return ApiResults.Ok(new ItemsDto<UserDto>([.. users.Select(UserDto.From)]));
    }

    private static async Task<Results<ApiOk<UserDto>, ApiProblem>> GetAsync(HttpContext context)
    {
        var (id, error) = TaskAccess.ParseId(context);
        if (error is not null) return error;
        var user = await Store(context).GetUserAsync(id, context.RequestAborted);
        return user is null ? Problems.NotFound("user") : ApiResults.Ok(UserDto.From(user));
    }

    private static async Task<Results<ApiCreated<UserDto>, ApiProblem>> CreateAsync(HttpContext context)
    {
        var (body, error) = await RequestBody.ReadAsync<CreateUserRequest>(context);
        if (error is not null) return error;
        if (body!.Username is null || !UsernameShape().IsMatch(body.Username))
        {
            return Problems.BadRequest("username", "username must be 1–64 characters of letters, digits, '.', '_' or '-'");
        }
        if (CheckPassword(body.Password, body.Username) is { } bad) return bad;
        if (await CheckRoleAsync(context, body.Role) is { } badRole) return badRole;
        var (extra, badPermissions) = RoleEndpoints.ReadPermissions(body.Permissions);
        if (badPermissions is not null) return badPermissions;

        var services = context.RequestServices;
        var hash = services.GetRequiredService<IPasswordHasher<UserRow>>()
            .HashPassword(new UserRow { Username = body.Username, PasswordHash = "", Role = body.Role! }, body.Password!);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        using var audit = HttpAudit.Begin(context, "user.create", "user", null, new { username = body.Username, role = body.Role, permissions = extra });
        var user = await Store(context).CreateUserAsync(
            new CreateUserParams { Username = body.Username, PasswordHash = hash, Role = body.Role!, Permissions = extra ?? [], Now = now }, context.RequestAborted);
        if (user is null) return Problems.Conflict($"The username '{body.Username}' is taken.");
        await HttpAudit.CompleteAsync(context, audit);
        LogCreated(Logger(context), user.Username, user.Role, context.User.Identity?.Name);
        return ApiResults.Created(context, user.Id, UserDto.From(user));
    }

    private static async Task<Results<ApiOk<UserDto>, ApiProblem>> UpdateAsync(HttpContext context)
    {
        var (id, idError) = TaskAccess.ParseId(context);
        if (idError is not null) return idError;
        var (body, error) = await RequestBody.ReadAsync<UpdateUserRequest>(context);
        if (error is not null) return error;
        if (body!.Role is not null && await CheckRoleAsync(context, body.Role) is { } badRole) return badRole;
        var (extra, badPermissions) = RoleEndpoints.ReadPermissions(body.Permissions);
        if (badPermissions is not null) return badPermissions;
        if (id == context.User.UserId())
        {
            if (body.Disabled == true) return Problems.Conflict("You cannot disable yourself.");
            if (body.Role is not null && body.Role != Permissions.AdminRole && context.User.IsInRole(Permissions.AdminRole))
            {
                return Problems.Conflict("You cannot take the admin role from yourself.");
            }
        }

        var services = context.RequestServices;
        var store = Store(context);
        var existing = await store.GetUserAsync(id, context.RequestAborted);
        if (existing is null) return Problems.NotFound("user");
        if (body.Password is not null && CheckPassword(body.Password, existing.Username) is { } bad) return bad;
        // Never the password: only that it changed.
        using var audit = HttpAudit.Begin(context, "user.update", "user", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { username = existing.Username, role = body.Role, disabled = body.Disabled, permissions = extra, password_changed = body.Password is null ? (bool?)null : true });
        var result = await store.UpdateUserAsync(new UpdateUserParams
        {
            Id = id,
            PasswordHash = body.Password is null ? null : services.GetRequiredService<IPasswordHasher<UserRow>>().HashPassword(existing, body.Password),
            Role = body.Role,
            Permissions = extra,
            Disabled = body.Disabled,
            ManagerRoles = Permissions.RolesWith(Permissions.UserManage),
            ManagerPermission = Permissions.UserManage,
            Now = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        }, context.RequestAborted);
        if (Refusal(result) is { } refused) return refused;
        await HttpAudit.CompleteAsync(context, audit);
        var user = result.User!;
        if (body.Password is not null)
        {
            // A new password signs the user out everywhere; who changes their own keeps the session they did it from.
            var keep = id == context.User.UserId() ? context.User.FindFirstValue(TasklaneClaims.TokenHash) : null;
            await store.RevokeUserTokensAsync(id, keep, context.RequestAborted);
        }
        LogUpdated(Logger(context), user.Username, context.User.Identity?.Name);
        return ApiResults.Ok(UserDto.From(user));
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(HttpContext context)
    {
        var (id, error) = TaskAccess.ParseId(context);
        if (error is not null) return error;
        if (id == context.User.UserId()) return Problems.Conflict("You cannot delete yourself.");
        using var audit = HttpAudit.Begin(context, "user.delete", "user", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = await Store(context).DeleteUserAsync(
            new DeleteUserParams { Id = id, ManagerRoles = Permissions.RolesWith(Permissions.UserManage), ManagerPermission = Permissions.UserManage }, context.RequestAborted);
        if (Refusal(result) is { } refused) return refused;
        await HttpAudit.CompleteAsync(context, audit);
        LogDeleted(Logger(context), id, context.User.Identity?.Name);
        return TypedResults.NoContent();
    }

    /// <summary>The problem for a change the store refused, or null when it was made.</summary>
    private static ApiProblem? Refusal(UserChangeResult result) => result.Outcome switch
    {
        UserChangeOutcome.Changed => null,
        UserChangeOutcome.LastManager => Problems.Conflict(
            $"This change would leave no enabled user with {Permissions.UserManage}; give another user that permission first."),
        _ => Problems.NotFound("user"),
    };

    private static ApiProblem? CheckPassword(string? password, string username) =>
        PasswordPolicy.Check(password, username) is { } rule ? Problems.BadRequest("password", rule) : null;

    /// <summary>A 400 unless <paramref name="role"/> is a built-in or a custom role.</summary>
    private static async Task<ApiProblem?> CheckRoleAsync(HttpContext context, string? role)
    {
        if (role is not null && Permissions.IsBuiltInRole(role)) return null;
        var custom = await Store(context).ListRolesAsync(context.RequestAborted);
        if (role is not null && custom.Any(r => r.Name == role)) return null;
        return Problems.BadRequest("role", "role must be one of: " + string.Join(", ", Permissions.Roles.Keys.Concat(custom.Select(r => r.Name))));
    }

    private static IAccountStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IAccountStore>();

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tasklane.Api.Users");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex UsernameShape();

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} ({Role}) created by {Actor}")]
    private static partial void LogCreated(ILogger logger, string username, string role, string? actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} changed by {Actor}")]
    private static partial void LogUpdated(ILogger logger, string username, string? actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted by {Actor}")]
    private static partial void LogDeleted(ILogger logger, long userId, string? actor);
}
