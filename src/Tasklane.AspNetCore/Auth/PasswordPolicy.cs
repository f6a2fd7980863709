using System.Collections.Frozen;
using System.Reflection;

namespace Tasklane.AspNetCore;

/// <summary>
/// The rules every new password meets, wherever it is set (a user created or changed, one's own password, the first
/// admin's <c>AdminPassword</c>): not blank, at least <see cref="MinLength"/> characters, not the username, not one
/// character repeated, not a run of consecutive characters, and not on the built-in list of common passwords
/// (<c>Auth/common-passwords.txt</c>, compared case-insensitively).
/// </summary>
internal static class PasswordPolicy
{
    /// <summary>The fewest characters a password has.</summary>
    public const int MinLength = 8;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommon);

    /// <summary>Why <paramref name="password"/> is refused (the rule, as a sentence about "password"), or null when it is good.</summary>
    public static string? Check(string? password, string? username)
    {
        if (string.IsNullOrWhiteSpace(password)) return "password must not be blank or only whitespace";
        if (password.Length < MinLength) return $"password must have at least {MinLength} characters";
        if (username is { Length: > 0 } && string.Equals(password.Trim(), username, StringComparison.OrdinalIgnoreCase))
        {
            return "password must not be the username";
        }
        if (password.All(c => c == password[0])) return "password must not be one character repeated";
        if (IsRun(password, 1) || IsRun(password, -1)) return "password must not be a run of consecutive characters such as 12345678 or abcdefgh";
        if (Common.Value.Contains(password)) return "password is one of the most common passwords; choose another";
        return null;
    }

    private static bool IsRun(string password, int step)
    {
        for (var i = 1; i < password.Length; i++)
        {
            if (char.ToLowerInvariant(password[i]) - char.ToLowerInvariant(password[i - 1]) != step) return false;
        }
        return true;
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tasklane.AspNetCore.Auth.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing from Tasklane.AspNetCore.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim());
        }
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
