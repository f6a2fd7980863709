using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Tasklane.Samples.WebApp;

/// <summary>
/// The app's own users: the stand-in for whatever user store an application already has (Identity, a directory,
/// an OpenID provider). Tasklane never sees this list; it sees the signed-in principal and its role.
/// </summary>
public static class AppUsers
{
    /// <summary>A user of the app: id, name, password and role (<c>staff</c>, <c>admin</c> or <c>guest</c>).</summary>
    public sealed record AppUser(string Id, string Name, string Password, string Role);

    /// <summary>The sample's users; their passwords are the sample's, printed on the sign-in page.</summary>
    public static IReadOnlyList<AppUser> All { get; } =
    [
        new("u-1001", "alice", "alice-password", "staff"),
        new("u-1002", "bob", "bob-password", "staff"),
        new("u-1003", "carol", "carol-password", "admin"),
        new("u-1004", "mallory", "mallory-password", "guest"),
    ];

    /// <summary>The user with this name and password, or null.</summary>
    public static AppUser? Check(string name, string password) =>
        All.FirstOrDefault(u => u.Name == name
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(u.Password), Encoding.UTF8.GetBytes(password)));

    /// <summary>The principal the app's cookie carries.</summary>
    public static ClaimsPrincipal Principal(AppUser user, string scheme) => new(new ClaimsIdentity(
        [new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.Name), new(ClaimTypes.Role, user.Role)],
        scheme, ClaimTypes.Name, ClaimTypes.Role));
}
