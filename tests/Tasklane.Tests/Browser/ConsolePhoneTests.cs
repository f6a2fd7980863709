using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>
/// The parts added last: the queue forms, the webhooks section with a hook, Run again, the bulk bar and the failed
/// page's driver, at phone width (390 px) in every language: the page does not scroll sideways and every button of
/// these parts can be reached and clicked (Playwright's trial click: scrolled into view, visible, not covered).
/// </summary>
[Collection("Browser")]
public sealed class ConsolePhoneTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task NewParts_PhoneWidth_NoSidewaysScrollAndButtonsReachable_InEveryLanguage()
    {
        var failed = await fixture.CreateTaskAsync("fail", new { message = "phone boom" });
        await fixture.WaitForStatusAsync(failed, "failed");
        var hook = await fixture.Serve.Http.PostAsJsonAsync("api/webhooks",
            new { url = "http://127.0.0.1:9/phone-hook", events = new[] { "task.failed" }, secret = "phone-secret" });
        hook.EnsureSuccessStatusCode();
        await using var console = await fixture.SignedInAsync(width: 390, height: 844);
        var page = console.Page;

        async Task AssertFitsAsync(string what)
        {
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{what} scrolls sideways by {overflow} px at 390 px");
        }

        async Task AssertReachableAsync(ILocator buttons, string what)
        {
            var count = await buttons.CountAsync();
            Assert.True(count > 0, $"{what}: no button found");
            for (var i = 0; i < count; i++) await buttons.Nth(i).ClickAsync(new LocatorClickOptions { Trial = true });
        }

        foreach (var lang in new[] { "en", "uk", "ru" })
        {
            await page.GotoAsync($"{fixture.BaseUrl}/lang/{lang}?return=%2F", new() { WaitUntil = WaitUntilState.Load });

            await page.GotoAsync(fixture.BaseUrl + "/queues", new() { WaitUntil = WaitUntilState.Load });
            await AssertFitsAsync($"/queues ({lang})");
            await AssertReachableAsync(page.Locator("form[data-queue-pause] button, form[data-queue-limits] button"), $"queue forms ({lang})");

            await page.GotoAsync(fixture.BaseUrl + "/settings#webhooks", new() { WaitUntil = WaitUntilState.Load });
            await AssertFitsAsync($"/settings ({lang})");
            await AssertReachableAsync(page.Locator("[data-webhook-test], [data-webhook-delete], form[data-webhook-form] button[type=submit]"), $"webhooks ({lang})");

            await page.GotoAsync($"{fixture.BaseUrl}/tasks/{failed}/run-again", new() { WaitUntil = WaitUntilState.Load });
            await AssertFitsAsync($"run again ({lang})");
            await AssertReachableAsync(page.Locator("form[data-run-again-form] button[type=submit]"), $"run again ({lang})");

            foreach (var list in new[] { "/tasks/failed", "/tasks" })
            {
                await page.GotoAsync(fixture.BaseUrl + list, new() { WaitUntil = WaitUntilState.Load });
                if (list == "/tasks/failed") await Assertions.Expect(page.Locator("[data-store-driver]")).ToBeVisibleAsync();
                await page.Locator($"input[data-bulk-id='{failed}']").CheckAsync();
                await Assertions.Expect(page.Locator("[data-bulk]")).ToBeVisibleAsync();
                await AssertFitsAsync($"{list} with the bulk bar ({lang})");
                await AssertReachableAsync(page.Locator("[data-bulk] button:visible"), $"bulk bar on {list} ({lang})");
                if (lang == "en") await ConsoleFixture.ScreenshotAsync(page, "phone-bulk" + list.Replace('/', '-'));
            }
        }
        await page.GotoAsync(fixture.BaseUrl + "/lang/en?return=%2F");
        Assert.Empty(console.Errors);
    }
}
