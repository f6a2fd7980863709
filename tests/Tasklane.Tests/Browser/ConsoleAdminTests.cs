using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>The operations buttons and forms (workers, schedules, users, settings) in real Chromium, with their notifications.</summary>
[Collection("Browser")]
public sealed class ConsoleAdminTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Workers_DiscoverRescanClean_ShowResults()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/workers");
        await page.ClickAsync("button:has-text('Discover workers')");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("workers registered.");
        await page.ClickAsync("button:has-text('Rescan workers')");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("workers updated.");
        await page.ClickAsync("button:has-text('Clean orphaned')");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("orphaned workers removed.");

        await page.UncheckAsync("tr[data-worker='demo-sync'] input[type=checkbox]");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Worker deactivated.");
        await page.CheckAsync("tr[data-worker='demo-sync'] input[type=checkbox]");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Worker activated.");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task WorkerSettings_SaveScheduleAndSecret_SecretStaysMasked()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/workers/demo-sync");
        await page.SelectOptionAsync("select[name=kind]", "cron");
        await page.FillAsync("input[name=cron]", "0 6 * * *");
        await page.FillAsync("[data-setting=endpoint]", "https://example.test/sync");
        await page.FillAsync("[data-setting=api_key]", "s3cret-key");
        await page.ClickAsync("button:has-text('Save')");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Saved.");

        await page.ReloadAsync();
        Assert.Equal("cron", await page.InputValueAsync("select[name=kind]"));
        Assert.Equal("https://example.test/sync", await page.InputValueAsync("[data-setting=endpoint]"));
        Assert.Equal("********", await page.InputValueAsync("[data-setting=api_key]"));
        Assert.DoesNotContain("s3cret-key", await page.ContentAsync(), StringComparison.Ordinal);

        // Saving again with the mask keeps the secret.
        await page.ClickAsync("button:has-text('Save')");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Saved.");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Schedules_ToggleAndRunNow_ShowResults()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/tasks/schedules");
        var row = page.Locator("tr[data-schedule='demo-sync']");
        await row.Locator("button[data-reload]").ClickAsync();
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Schedule");
        await page.Locator("tr[data-schedule='demo-sync'] button:has-text('Run now')").ClickAsync();
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("created.");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task UsersAndSettings_CreateDisableSave_ShowResults()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/users");
        // The create form: each user row and each role has a form of its own as well.
        var create = page.Locator("form[data-json-form]:has(input[name=username])");
        await create.Locator("input[name=username]").FillAsync("operator1");
        await create.Locator("input[name=password]").FillAsync("operator-password");
        await create.Locator("select[name=role]").SelectOptionAsync("operator");
        await create.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("User created.");
        await Assertions.Expect(page.Locator("tr[data-user='operator1']")).ToBeVisibleAsync();
        await page.Locator("tr[data-user='operator1'] button[data-confirm]").ClickAsync();
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator("tr[data-user='operator1'] .badge")).ToHaveTextAsync("disabled");

        await page.GotoAsync(fixture.BaseUrl + "/settings");
        await page.FillAsync("input[name=retention_days]", "45");
        await page.ClickAsync("button:has-text('Save')");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Saved.");
        await page.ReloadAsync();
        Assert.Equal("45", await page.InputValueAsync("input[name=retention_days]"));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Dashboard_ProcessAndClean_ConfirmWithCounts()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync("button:has-text('Process tasks')");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("tasks will run now.");
        await page.ClickAsync("button:has-text('Clean old tasks')");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("Removed");
        Assert.Empty(console.Errors);
    }
}
