using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the users page shows.</summary>
/// <param name="Users">Every user.</param>
/// <param name="CustomRoles">The custom roles (the built-in ones are fixed).</param>
public sealed record UsersModel(IReadOnlyList<UserRow> Users, IReadOnlyList<RoleRow> CustomRoles)
{
    internal static async Task<UsersModel> LoadAsync(HttpContext http)
    {
        var accounts = http.RequestServices.GetRequiredService<IAccountStore>();
        return new UsersModel(await accounts.ListUsersAsync(http.RequestAborted), await accounts.ListRolesAsync(http.RequestAborted));
    }
}
