using System.Net;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>Every console page in real Chromium against <c>tasklane serve --demo</c>: content, phone width, language, shortcuts, viewer.</summary>
[Collection("Browser")]
public sealed class ConsolePagesTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static readonly (string Name, string Path, string Expect)[] StaticPages =
    [
        ("dashboard", "/", "Recent tasks"),
        ("tasks", "/tasks", "demo"),
        ("failed", "/tasks/failed", "pages boom"),
        ("schedules", "/tasks/schedules", "hourly between 05:00 and 23:00"),
        ("workers", "/workers", "Demo sync"),
        ("worker-settings", "/workers/demo-sync", "api_key"),
        ("queues", "/queues", "default"),
        ("statistics", "/statistics", "Per worker"),
        ("users", "/users", "admin"),
        ("settings", "/settings", "task_max_concurrent"),
        ("audit", "/audit", "auth.login"),
    ];

    private async Task<(long Echo, long Failed)> SeedAsync()
    {
        var echo = await fixture.CreateTaskAsync("echo", new { message = "pages <b>hello</b>" });
        var failed = await fixture.CreateTaskAsync("fail", new { message = "pages boom" });
        await fixture.CreateTaskAsync("report", new { rows = 3 });
        await fixture.WaitForStatusAsync(echo, "completed");
        await fixture.WaitForStatusAsync(failed, "failed");
        return (echo, failed);
    }

    [Fact]
    public async Task EveryPage_Admin_RendersRealDataWithoutErrors()
    {
        var (echo, _) = await SeedAsync();
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        foreach (var (name, path, expect) in StaticPages.Append(("task-detail", $"/tasks/{echo}", "pages <b>hello</b>")))
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            Assert.Contains("default-src 'self'", response.Headers["content-security-policy"], StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", response.Headers["content-security-policy"], StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(expect);
            await Assertions.Expect(page.Locator("header .nav")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.Load); // live pages keep their change stream open: the network is never idle
            await ConsoleFixture.ScreenshotAsync(page, name);
        }
        // The user's <b> stays text: no element was made of it.
        Assert.Equal(0, await page.Locator("main .log b").CountAsync());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task TimeInputs_BrowserInUtcPlus0530_ShowLocalTimesAndSendUtc()
    {
        const string zone = "Asia/Kolkata"; // UTC+05:30 all year
        await using var console = await fixture.SignedInAsync(timezoneId: zone);
        var page = console.Page;

        await page.GotoAsync(fixture.BaseUrl + "/tasks");
        await page.FillAsync("form.filters input[name=from]", "2030-01-01T10:00");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("from=", StringComparison.Ordinal));
        Assert.Contains("from=2030-01-01T04%3A30%3A00.000Z", page.Url, StringComparison.Ordinal);
        Assert.Equal("2030-01-01T10:00", await page.InputValueAsync("form.filters input[name=from]"));

        await page.GotoAsync(fixture.BaseUrl + "/statistics");
        await page.FillAsync(".ranges input[name=from]", "2030-01-02");
        await page.FillAsync(".ranges input[name=to]", "2030-01-03");
        await page.ClickAsync(".ranges form button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("range=custom", StringComparison.Ordinal));
        Assert.Contains("from=2030-01-01T18%3A30%3A00.000Z", page.Url, StringComparison.Ordinal);
        Assert.Contains("to=2030-01-03T18%3A29%3A59.999Z", page.Url, StringComparison.Ordinal);
        Assert.Equal("2030-01-02", await page.InputValueAsync(".ranges input[name=from]"));
        Assert.Equal("2030-01-03", await page.InputValueAsync(".ranges input[name=to]"));

        // Today starts at the browser's local midnight, not at midnight UTC.
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var localToday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, kolkata).Date;
        var midnight = new DateTimeOffset(localToday, kolkata.GetUtcOffset(localToday)).UtcDateTime;
        await page.ClickAsync("a[data-range=today]");
        await page.WaitForURLAsync(u => u.Contains("range=today", StringComparison.Ordinal));
        Assert.Contains("from=" + Uri.EscapeDataString(midnight.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)), page.Url, StringComparison.Ordinal);
        Assert.Equal(localToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync(".ranges input[name=from]"));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Dashboard_Counters_ShowStatusColours()
    {
        await SeedAsync();
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/");
        Assert.True(int.Parse(await page.Locator("[data-count=total]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 3);
        var failedBadge = page.Locator("tbody .badge.s-failed").First;
        await Assertions.Expect(failedBadge).ToBeVisibleAsync();
        var colour = await failedBadge.EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.NotEqual(colour, await page.Locator("tbody .badge.s-completed").First.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task EveryPage_PhoneWidth_NoHorizontalScroll_InEveryLanguage()
    {
        var (echo, _) = await SeedAsync();
        await using var console = await fixture.SignedInAsync(width: 390, height: 844);
        var page = console.Page;
        foreach (var lang in new[] { "en", "uk", "ru" })
        {
            await page.GotoAsync($"{fixture.BaseUrl}/lang/{lang}?return=%2F");
            Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
            foreach (var (name, path, _) in StaticPages.Append(("task-detail", $"/tasks/{echo}", "")))
            {
                // The live pages keep a change stream open, so the network is never idle: wait for the page's own load.
                await page.GotoAsync(fixture.BaseUrl + path, new() { WaitUntil = WaitUntilState.Load });
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{path} ({lang}) scrolls sideways by {overflow} px at 390 px");
                if (lang == "en") await ConsoleFixture.ScreenshotAsync(page, "phone-" + name);
            }
        }
        await page.GotoAsync(fixture.BaseUrl + "/lang/en?return=%2F");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Language_Ukrainian_RememberedAcrossPages()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/tasks");
        await page.ClickAsync("details.lang > summary");
        await page.ClickAsync("details.lang a[lang=uk]");
        await page.WaitForURLAsync(u => u.EndsWith("/tasks", StringComparison.Ordinal));
        Assert.Equal("uk", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Завдання");

        await page.GotoAsync(fixture.BaseUrl + "/workers");
        Assert.Equal("uk", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Обробники");
        await ConsoleFixture.ScreenshotAsync(page, "uk-workers");

        await page.GotoAsync(fixture.BaseUrl + "/lang/ru?return=%2Fstatistics");
        Assert.Equal("ru", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Статистика");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Shortcuts_Keys_NavigateAndShowHelp_NotWhileTyping()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/tasks");

        await page.Locator("input[name=search]").FocusAsync();
        await page.Keyboard.TypeAsync("wsd");
        Assert.EndsWith("/tasks", page.Url, StringComparison.Ordinal);
        await page.Locator("input[name=search]").BlurAsync();

        await page.Keyboard.PressAsync("w");
        await page.WaitForURLAsync(u => u.EndsWith("/workers", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("s");
        await page.WaitForURLAsync(u => u.EndsWith("/statistics", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("d");
        await page.WaitForURLAsync(u => u == fixture.BaseUrl + "/");
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator(".toast").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("#help")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "help");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#help")).ToBeHiddenAsync();
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Viewer_SeesNoButtons_ForbiddenPageAnd403OnPost()
    {
        await fixture.CreateUserAsync("viewer1", "viewer-password-1", "viewer");
        var adminTask = await fixture.CreateTaskAsync("sleep", new { seconds = 60, steps = 60 });
        await using var console = await fixture.SignedInAsync("viewer1", "viewer-password-1");
        var page = console.Page;

        await page.GotoAsync(fixture.BaseUrl + "/");
        Assert.Equal(0, await page.Locator("main [data-api]").CountAsync());
        Assert.Equal(0, await page.Locator("header .nav a[href$='/users']").CountAsync());
        await ConsoleFixture.ScreenshotAsync(page, "viewer-dashboard");

        var users = await page.GotoAsync(fixture.BaseUrl + "/users");
        Assert.Equal(403, users!.Status);
        await Assertions.Expect(page.Locator("[data-forbidden]")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "viewer-forbidden");

        var workers = await page.GotoAsync(fixture.BaseUrl + "/workers");
        Assert.Equal(403, workers!.Status);

        await page.GotoAsync(fixture.BaseUrl + "/tasks");
        var status = await page.EvaluateAsync<int>(
            "async url => (await fetch(url, { method: 'POST', headers: { 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content } })).status",
            $"{fixture.BaseUrl}/api/tasks/{adminTask}/cancel");
        Assert.Equal(403, status);
        var process = await page.EvaluateAsync<int>(
            "async url => (await fetch(url, { method: 'POST', headers: { 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content } })).status",
            $"{fixture.BaseUrl}/api/tasks/process-pending");
        Assert.Equal(403, process);
        await fixture.Serve.Http.PostAsync($"api/tasks/{adminTask}/cancel", null);
    }

    [Fact]
    public async Task Page_SignedOut_RedirectsToLoginWithReturn()
    {
        await using var console = await fixture.NewPageAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/queues");
        Assert.Contains("/login?return=%2Fqueues", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", EndToEnd.ServeProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => u.EndsWith("/queues", StringComparison.Ordinal));
        using var raw = await fixture.Serve.Http.GetAsync("_tasklane/tasklane.js");
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.NotNull(raw.Headers.CacheControl?.MaxAge);
    }
}
