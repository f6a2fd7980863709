namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the sign-in page shows.</summary>
/// <param name="Return">Where to go after signing in (a safe local path).</param>
/// <param name="Username">The name typed before a refused attempt, or null.</param>
/// <param name="Error">Why the last attempt was refused, or null.</param>
public sealed record LoginModel(string Return, string? Username = null, string? Error = null);
