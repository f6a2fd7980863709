namespace Tasklane.Cli.Commands;

/// <summary>One sign-in of the config file.</summary>
internal sealed class SavedLogin
{
    public string Token { get; set; } = "";

    public string? Username { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}
