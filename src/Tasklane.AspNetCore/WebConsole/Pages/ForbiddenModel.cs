namespace Tasklane.AspNetCore.WebConsole.Pages;

/// <summary>What the 403 page shows.</summary>
/// <param name="Permission">The permission the page needs.</param>
public sealed record ForbiddenModel(string Permission);
