using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Tasklane.Tests.EndToEnd;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Browser;

/// <summary>
/// One real <c>tasklane serve --demo</c> process and one headless Chromium, shared by the tests of a class.
/// Fails (never skips) when <c>/usr/bin/chromium</c> is missing.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly TempDirectory _directory = new();
    private IPlaywright? _playwright;

    public ServeProcess Serve { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => Serve.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath} (Debian: apt-get install -y chromium); it is missing.");
        }
        Serve = await ServeProcess.StartAsync(Path.Combine(_directory.Path, "console.db"));
        await Serve.SignInAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Serve is not null) await Serve.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A new browser context (own cookies) with a page signed in through the form.</summary>
    public async Task<ConsolePage> SignedInAsync(string username = "admin", string password = ServeProcess.AdminPassword, int width = 1280, int height = 800,
        string? timezoneId = null)
    {
        var page = await NewPageAsync(width, height, timezoneId);
        await page.Page.GotoAsync(BaseUrl + "/login");
        await page.Page.FillAsync("input[name=username]", username);
        await page.Page.FillAsync("input[name=password]", password);
        await page.Page.ClickAsync("button[type=submit]");
        await page.Page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>A new browser context and page, recording console errors and failed scripts; <paramref name="timezoneId"/> sets the browser's zone.</summary>
    public async Task<ConsolePage> NewPageAsync(int width = 1280, int height = 800, string? timezoneId = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-US",
            TimezoneId = timezoneId,
        });
        // A loaded 2-core CI machine can be slow to start pages: wait longer than Playwright's 30 s default.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return new ConsolePage(context, await context.NewPageAsync());
    }

    /// <summary>Creates a task through the API as admin; returns its id.</summary>
    public async Task<long> CreateTaskAsync(string action, object data, int? maxAttempts = null)
    {
        var response = await Serve.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action, data, max_attempts = maxAttempts });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Waits until the task's status is one of <paramref name="statuses"/>.</summary>
    public Task WaitForStatusAsync(long id, params string[] statuses) =>
        Eventually.TrueAsync(async () => Array.IndexOf(statuses, (string?)(await Serve.GetTaskAsync(id))["status"]) >= 0, TimeSpan.FromSeconds(30), $"task {id} to be {string.Join(" or ", statuses)}");

    /// <summary>Creates a user through the API as admin.</summary>
    public async Task CreateUserAsync(string username, string password, string role)
    {
        var response = await Serve.Http.PostAsJsonAsync("api/users", new { username, password, role });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Saves a screenshot under <c>artifacts/screenshots/</c> at the repository root.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tasklane.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Tasklane.sln not found above the test output.");
    }
}
