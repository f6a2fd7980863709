using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>Queue control on /queues in real Chromium: Pause / Resume and the limits (server-rendered forms), and the dashboard warning for a paused queue.</summary>
[Collection("Browser")]
public sealed class ConsoleQueueTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Queues_PauseShowsOnTheDashboard_LimitsSave_ResumeRunsTheTask()
    {
        // A task first, so the queue has a row.
        var first = await fixture.CreateTaskAsync("noop", new { });
        await fixture.WaitForStatusAsync(first, "completed");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/queues");
        var row = page.Locator("tr[data-queue='default']");
        await Assertions.Expect(row.Locator("[data-paused]")).ToHaveAttributeAsync("data-paused", "false");

        await row.Locator("form[data-queue-pause] button").ClickAsync();
        row = page.Locator("tr[data-queue='default']");
        await Assertions.Expect(row.Locator("[data-paused]")).ToHaveAttributeAsync("data-paused", "true");
        await Assertions.Expect(row.Locator("form[data-queue-pause] button")).ToHaveTextAsync("Resume");

        // A task of the paused queue stays pending, and the dashboard names the queue.
        var waiting = await fixture.CreateTaskAsync("noop", new { });
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("[data-stranded-queue='default']")).ToContainTextAsync("default");
        await fixture.WaitForStatusAsync(waiting, "pending");

        await page.GotoAsync(fixture.BaseUrl + "/queues");
        row = page.Locator("tr[data-queue='default']");
        await row.Locator("input[name=global_concurrency]").FillAsync("3");
        await row.Locator("input[name=rate_per_second]").FillAsync("2.5");
        await row.Locator("form[data-queue-limits] button").ClickAsync();
        row = page.Locator("tr[data-queue='default']");
        await Assertions.Expect(row.Locator("input[name=global_concurrency]")).ToHaveValueAsync("3");
        await Assertions.Expect(row.Locator("input[name=rate_per_second]")).ToHaveValueAsync("2.5");

        await row.Locator("form[data-queue-pause] button").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-queue='default'] [data-paused]")).ToHaveAttributeAsync("data-paused", "false");
        await fixture.WaitForStatusAsync(waiting, "completed");
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("[data-stranded]")).ToHaveCountAsync(0);
        Assert.Empty(console.Errors);
    }
}
