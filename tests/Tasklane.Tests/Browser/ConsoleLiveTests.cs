using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>Sign-in, live task detail, and the buttons that act on tasks, in real Chromium against <c>tasklane serve --demo</c>.</summary>
[Collection("Browser")]
public sealed class ConsoleLiveTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task SignIn_WrongPasswordThenRight_SaysSoThenSignsInAndOut()
    {
        await using var console = await fixture.NewPageAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/login");
        await page.FillAsync("input[name=username]", "admin");
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-login-error]")).ToHaveTextAsync("Invalid username or password.");
        await ConsoleFixture.ScreenshotAsync(page, "login-failed");

        await page.FillAsync("input[name=password]", EndToEnd.ServeProcess.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("header .who")).ToHaveTextAsync("admin");

        await page.ClickAsync("form.signout button");
        await page.WaitForURLAsync(u => u.Contains("/login", StringComparison.Ordinal));
        await ConsoleFixture.ScreenshotAsync(page, "login");
        var again = await page.GotoAsync(fixture.BaseUrl + "/tasks");
        Assert.Contains("/login", again!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskDetail_RunningSleepTask_ProgressAndLogGrowWithoutReload()
    {
        // Long enough that a slow sign-in on a loaded machine still finds the task running (8 s was not).
        var id = await fixture.CreateTaskAsync("sleep", new { seconds = 24, steps = 48 });
        await fixture.WaitForStatusAsync(id, "running");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync($"{fixture.BaseUrl}/tasks/{id}");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        var firstLines = await page.Locator("[data-log] li").CountAsync();
        var firstProgress = await page.Locator("[data-f=bar] progress").First.EvaluateAsync<double>("e => e.value");

        await page.WaitForFunctionAsync(
            "([lines, progress]) => document.querySelectorAll('[data-log] li').length > lines + 2 && document.querySelector('[data-f=bar] progress').value > progress",
            new object[] { firstLines, firstProgress }, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-f=counts]")).ToContainTextAsync("/ 48");
        await ConsoleFixture.ScreenshotAsync(page, "task-detail-running");
        await Assertions.Expect(page.Locator("[data-f=status]").First).ToHaveTextAsync("Completed", new() { Timeout = 45_000 });
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task TaskDetail_Cancel_ConfirmsAndCancels()
    {
        var id = await fixture.CreateTaskAsync("sleep", new { seconds = 60, steps = 60 });
        await fixture.WaitForStatusAsync(id, "running");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync($"{fixture.BaseUrl}/tasks/{id}");
        await page.ClickAsync("main .page-head button:has-text('Cancel')");
        await Assertions.Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").First).ToContainTextAsync("Cancellation sent.");
        await fixture.WaitForStatusAsync(id, "cancelled");
        await Assertions.Expect(page.Locator("[data-f=status]").First).ToHaveTextAsync("Cancelled", new() { Timeout = 15_000 });
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task FailedPage_Retry_QueuesTheTaskAgain()
    {
        var id = await fixture.CreateTaskAsync("flaky", new { failures = 1 }, maxAttempts: 1);
        await fixture.WaitForStatusAsync(id, "failed");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/tasks/failed");
        await ConsoleFixture.ScreenshotAsync(page, "failed-before-retry");
        await page.ClickAsync($"tr[data-task-id='{id}'] button:has-text('Retry')");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").First).ToContainTextAsync("Task queued again.");
        await fixture.WaitForStatusAsync(id, "completed");
        Assert.Equal(2, (int)(await fixture.Serve.GetTaskAsync(id))["attempt"]!);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Export_UserScript_DownloadsHtmlWithTheScriptEncoded()
    {
        var id = await fixture.CreateTaskAsync("echo", new { message = "<script>alert('x')</script>" });
        await fixture.WaitForStatusAsync(id, "completed");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync($"{fixture.BaseUrl}/tasks/{id}");
        await Assertions.Expect(page.Locator("[data-log]")).ToContainTextAsync("<script>alert('x')</script>");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-export]"));
        Assert.EndsWith(".html", download.SuggestedFilename, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Dashboard_NewTask_AppearsWithoutReload()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        var id = await fixture.CreateTaskAsync("echo", new { message = "live row" });
        await Assertions.Expect(page.Locator($"tr[data-task-id='{id}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ClickAsync("details.recent > summary");
        await Assertions.Expect(page.Locator("[data-recent-list] a").First).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "recent-tasks");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        Assert.Empty(console.Errors);
    }
}
