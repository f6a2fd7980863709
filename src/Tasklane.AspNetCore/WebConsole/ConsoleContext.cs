using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Localization;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>What every console page needs: who is signed in, what they may do, the language, links and the anti-forgery token.</summary>
public sealed class ConsoleContext
{
    private readonly IStringLocalizer _text;

    internal ConsoleContext(ClaimsPrincipal user, string basePath, string csrf, CultureInfo culture, IStringLocalizer text, DateTimeOffset now, string currentPath)
    {
        User = user;
        BasePath = basePath;
        Csrf = csrf;
        Culture = culture;
        _text = text;
        Now = now;
        CurrentPath = currentPath;
    }

    /// <summary>The signed-in user (an empty principal on the sign-in page).</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The user's name, or empty.</summary>
    public string Username => User.Identity?.Name ?? "";

    /// <summary>The user's role, or empty.</summary>
    public string Role => User.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>The path base plus the prefix the console is mapped under, without a trailing slash.</summary>
    public string BasePath { get; }

    /// <summary>The anti-forgery request token for forms and the <c>X-CSRF-TOKEN</c> header.</summary>
    public string Csrf { get; }

    /// <summary>The page's language.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The two-letter language code for <c>&lt;html lang&gt;</c>.</summary>
    public string Lang => Culture.TwoLetterISOLanguageName;

    /// <summary>The time the page was rendered.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The path and query of this page (for the language switch's return).</summary>
    public string CurrentPath { get; }

    /// <summary>
    /// True when htmx asks for the page to swap some of its parts in place: the page is rendered as its <c>&lt;main&gt;</c>
    /// only, without the head, header and dialogs.
    /// </summary>
    public bool Fragment { get; internal init; }

    /// <summary>The console change feed's stamp when the page was rendered; the page's change stream starts from it.</summary>
    public string LiveStamp { get; internal set; } = "";

    /// <summary>A console or API path under the prefix: <c>Url("/tasks")</c>.</summary>
    public string Url(string path) => BasePath + path;

    /// <summary>True when the user has the permission.</summary>
    public bool Can(string permission) => User.Has(permission);

    /// <summary>The localized text of a key (the key itself when missing).</summary>
    public string T(string key)
    {
        // The localizer reads the ambient UI culture; set it only for this synchronous lookup.
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture;
        try
        {
            return _text[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    /// <summary>The localized text of a key with arguments.</summary>
    public string T(string key, params object[] args) => string.Format(Culture, T(key), args);
}
