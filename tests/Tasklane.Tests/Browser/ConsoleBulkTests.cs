using System.Text.Json.Nodes;
using Tasklane.Tests.Support;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>Bulk actions on the failed and task lists: ticked rows, "select all N matching", confirmed with the count.</summary>
[Collection("Browser")]
public sealed class ConsoleBulkTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task FailedPage_TickTwoRowsAndRetry_ConfirmsTheCountAndRetriesOnlyThose()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await fixture.CreateTaskAsync("fail", new { message = "bulk " + i }, maxAttempts: 1));
        foreach (var id in ids) await fixture.WaitForStatusAsync(id, "failed");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync($"{fixture.BaseUrl}/tasks/failed");

        var bar = page.Locator("[data-bulk]");
        await Assertions.Expect(bar).ToBeHiddenAsync();
        await page.CheckAsync($"input[data-bulk-id='{ids[0]}']");
        await page.CheckAsync($"input[data-bulk-id='{ids[2]}']");
        await Assertions.Expect(bar).ToBeVisibleAsync();
        await Assertions.Expect(bar.Locator("[data-bulk-count]")).ToHaveTextAsync("2 selected");
        await Assertions.Expect(bar.Locator("[data-bulk-all]")).ToHaveTextAsync("Select all 3 matching this filter");
        await ConsoleFixture.ScreenshotAsync(page, "tasks-failed-bulk");

        await bar.Locator("[data-bulk-action=retry]").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm [data-confirm-text]")).ToHaveTextAsync("Retry 2 tasks?");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").First).ToHaveTextAsync("2 matched, 2 changed, 0 skipped");

        // The two run again (and fail again, a second attempt); the one left unticked is untouched.
        await Eventually.TrueAsync(async () => await AttemptAsync(ids[0]) == 2 && await AttemptAsync(ids[2]) == 2, TimeSpan.FromSeconds(30), "the ticked tasks to run again");
        foreach (var id in ids) await fixture.WaitForStatusAsync(id, "failed");
        Assert.Equal(1, await AttemptAsync(ids[1]));

        // Every failed task matching the filter, beyond the ticked rows: deleted after a confirm naming the count.
        await page.GotoAsync($"{fixture.BaseUrl}/tasks?status=failed&page_size=2");
        await page.CheckAsync("input[data-bulk-page]");
        await Assertions.Expect(bar.Locator("[data-bulk-count]")).ToHaveTextAsync("2 selected");
        await bar.Locator("[data-bulk-all]").ClickAsync();
        await Assertions.Expect(bar.Locator("[data-bulk-count]")).ToHaveTextAsync("All 3 tasks matching this filter are selected");
        await bar.Locator("[data-bulk-action=delete]").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm [data-confirm-text]")).ToHaveTextAsync("Delete 3 tasks?");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").First).ToHaveTextAsync("3 matched, 3 changed, 0 skipped");
        foreach (var id in ids) await Eventually.TrueAsync(async () => (await fixture.Serve.Http.GetAsync($"api/tasks/{id}")).StatusCode == System.Net.HttpStatusCode.NotFound, TimeSpan.FromSeconds(5), $"task {id} to be deleted");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Viewer_SeesNoCheckboxesAndNoBulkBar()
    {
        await fixture.CreateUserAsync("bulkviewer", "viewer-password-3", "viewer");
        await using var console = await fixture.SignedInAsync("bulkviewer", "viewer-password-3");
        await console.Page.GotoAsync($"{fixture.BaseUrl}/tasks");

        Assert.Equal(0, await console.Page.Locator("[data-bulk], input[data-bulk-id], input[data-bulk-page]").CountAsync());
    }

    private async Task<int> AttemptAsync(long id) => (int)(await fixture.Serve.GetTaskAsync(id))["attempt"]!;
}
