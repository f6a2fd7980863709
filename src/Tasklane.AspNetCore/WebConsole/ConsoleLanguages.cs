using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tasklane.AspNetCore.WebConsole;

/// <summary>The console's languages and the cookie that remembers the user's choice.</summary>
internal static class ConsoleLanguages
{
    public const string Cookie = "tasklane_lang";

    /// <summary>Code → name in that language.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> All = [("en", "English"), ("uk", "Українська"), ("ru", "Русский")];

    public static bool IsKnown(string? code) => All.Any(l => l.Code == code);

    /// <summary>The cookie's language, else the first known one in Accept-Language, else English.</summary>
    public static CultureInfo For(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(Cookie, out var code) && IsKnown(code)) return CultureInfo.GetCultureInfo(code!);
        foreach (var value in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(v => v.Quality ?? 1))
        {
            var lang = value.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (IsKnown(lang)) return CultureInfo.GetCultureInfo(lang!);
        }
        return CultureInfo.GetCultureInfo("en");
    }
}
