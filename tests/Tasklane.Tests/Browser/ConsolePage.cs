using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>A page in its own browser context, with the JavaScript errors and CSP violations it logged.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public ConsolePage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_errors) _errors.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => { lock (_errors) _errors.Add($"{page.Url}: {error}"); };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors (which include CSP violations) and uncaught exceptions so far.</summary>
    public IReadOnlyList<string> Errors { get { lock (_errors) return [.. _errors]; } }

    public void ClearErrors() { lock (_errors) _errors.Clear(); }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
