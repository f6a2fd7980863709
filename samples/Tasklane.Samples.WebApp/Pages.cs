using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Tasklane.Samples.WebApp;

/// <summary>The app's two pages, as plain HTML (every value HTML-encoded).</summary>
public static class Pages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The sign-in page, with the sample's users.</summary>
    public static IResult SignIn(AntiforgeryTokenSet tokens, string? returnUrl, string? error) => Page("Sign in", $"""
        <h1>Sign in</h1>
        {(error is null ? "" : $"<p class=error>{Html.Encode(error)}</p>")}
        <form method=post action="/signin">
          {Token(tokens)}
          <input type=hidden name=ReturnUrl value="{Html.Encode(returnUrl ?? "/")}">
          <label>Name <input name=Username autocomplete=username></label>
          <label>Password <input name=Password type=password autocomplete=current-password></label>
          <button>Sign in</button>
        </form>
        <p>Users of this sample: {string.Join(", ", AppUsers.All.Select(u => $"{Html.Encode(u.Name)} / {Html.Encode(u.Password)} ({Html.Encode(u.Role)})"))}.</p>
        """);

    /// <summary>The app's own page: a button that starts an export, and the live progress of the one just started.</summary>
    public static IResult Home(ClaimsPrincipal user, AntiforgeryTokenSet tokens, long? exportId) => Page("Exports", $"""
        <p>Signed in as <b>{Html.Encode(user.Identity?.Name ?? "")}</b>.
          <a href="/tasklane/">Tasklane console</a></p>
        <form method=post action="/signout">{Token(tokens)}<button>Sign out</button></form>
        <h1>Exports</h1>
        <form method=post action="/exports">
          {Token(tokens)}
          <label>Parts <input name=Steps type=number min=1 max=1000 value=20></label>
          <button id=start>Start export</button>
        </form>
        {(exportId is { } id ? Progress(id) : "")}
        """);

    private static string Progress(long id)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        return $$"""
            <h2>Export #{{text}}</h2>
            <progress id=bar max=100 value=0></progress> <span id=state>pending</span> <span id=message></span>
            <script>
              const show = async () => {
                const r = await fetch('/tasklane/api/tasks/{{text}}/status');
                if (!r.ok) { document.getElementById('state').textContent = 'HTTP ' + r.status; return; }
                const s = await r.json();
                document.getElementById('bar').value = s.progress;
                document.getElementById('state').textContent = s.status;
                document.getElementById('message').textContent = s.message ?? '';
                if (!['completed', 'failed', 'cancelled'].includes(s.status)) setTimeout(show, 500);
              };
              show();
            </script>
            """;
    }

    private static string Token(AntiforgeryTokenSet tokens) =>
        $"<input type=hidden name=\"{Html.Encode(tokens.FormFieldName)}\" value=\"{Html.Encode(tokens.RequestToken ?? "")}\">";

    private static IResult Page(string title, string body) => Results.Content($"""
        <!doctype html>
        <html lang=en><head><meta charset=utf-8><title>{Html.Encode(title)} · Tasklane sample</title></head>
        <body>{body}</body></html>
        """, "text/html; charset=utf-8");
}
