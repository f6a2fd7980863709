using System.Text;
using Microsoft.Playwright;
using Tasklane.Tests.Support;
using Tasklane.Tests.Webhooks;

namespace Tasklane.Tests.Browser;

/// <summary>The Webhooks section of /settings in real Chromium against a real <c>tasklane serve</c>: add, Send test (received on a loopback listener), delete.</summary>
[Collection("Browser")]
public sealed class ConsoleWebhookTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Secret = "browser-hook-secret";

    [Fact]
    public async Task Settings_AddWebhookAndSendTest_TheListenerGetsASignedTestAndTheRowShowsItDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/settings");

        var form = page.Locator("form[data-webhook-form]");
        await form.Locator("input[name=url]").FillAsync(receiver.Url);
        await form.Locator("input[name=events][value='task.completed']").CheckAsync();
        await form.Locator("select[name=worker]").SelectOptionAsync("demo");
        await form.Locator("input[name=secret]").FillAsync(Secret);
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-webhook-notice]")).ToHaveTextAsync("Webhook added.");
        var row = page.Locator("tr[data-webhook]", new PageLocatorOptions { HasText = receiver.Url });
        await Assertions.Expect(row).ToContainTextAsync("task.failed, task.completed, queue.stalled");
        await Assertions.Expect(row).ToContainTextAsync("demo");
        await Assertions.Expect(row.Locator("[data-webhook-last]")).ToContainTextAsync("Nothing sent yet");
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);

        await row.Locator("button[data-webhook-test]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-webhook-notice]")).ToContainTextAsync("Test event queued");
        var test = await receiver.WaitForAsync(h => h.Event == "webhook.test", "the console's test event");
        Assert.True(WebhookSignature.Verify(test.Signature, test.Body, Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
            $"signature {test.Signature} of {Encoding.UTF8.GetString(test.Body)}");

        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return (await row.Locator("[data-webhook-last]").InnerTextAsync()).Contains("delivered", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20), "the row to show the test delivered");
        await Assertions.Expect(row.Locator("[data-webhook-last]")).ToContainTextAsync("webhook.test");

        // The section in Ukrainian.
        await page.GotoAsync(fixture.BaseUrl + "/lang/uk?return=" + Uri.EscapeDataString(new Uri(fixture.BaseUrl).AbsolutePath.TrimEnd('/') + "/settings"));
        await Assertions.Expect(page.Locator("[data-webhooks] h2")).ToHaveTextAsync("Вебхуки");
        await Assertions.Expect(row.Locator("button[data-webhook-test]")).ToHaveTextAsync("Надіслати тест");
        await page.GotoAsync(fixture.BaseUrl + "/lang/en?return=" + Uri.EscapeDataString(new Uri(fixture.BaseUrl).AbsolutePath.TrimEnd('/') + "/settings"));

        await row.Locator("button[data-webhook-delete]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-webhook-notice]")).ToHaveTextAsync("Webhook deleted.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Settings_AddWebhookWithABadUrl_ShowsTheReasonAndAddsNothing()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/settings");
        var form = page.Locator("form[data-webhook-form]");
        // The browser's own check of type=url is bypassed, as a crafted post would.
        await form.EvaluateAsync("f => f.noValidate = true");
        await form.Locator("input[name=url]").EvaluateAsync("i => i.type = 'text'");
        await form.Locator("input[name=url]").FillAsync("ftp://files.example.test/drop");
        await form.Locator("input[name=secret]").FillAsync(Secret);
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-webhook-error]")).ToContainTextAsync("url must be an absolute http or https URL");
        await Assertions.Expect(page.Locator("tr[data-webhook]", new PageLocatorOptions { HasText = "ftp://files.example.test" })).ToHaveCountAsync(0);
        Assert.DoesNotContain(console.Errors, e => !e.Contains("400", StringComparison.Ordinal));
    }
}
