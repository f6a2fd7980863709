using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>The tasks page's "New task" form in real Chromium: create, bad data, inactive workers not offered.</summary>
[Collection("Browser")]
public sealed partial class ConsoleNewTaskTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task NewTask_EchoWithData_OpensTheCreatedTaskWhichCompletes()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/tasks");
        await page.ClickAsync("details.new-task summary");
        await page.SelectOptionAsync("select[name=target]", "demo/echo");
        await page.FillAsync("textarea[name=data]", """{"message":"made in the console"}""");
        await page.ClickAsync("form[data-task-form] button[type=submit]");

        await page.WaitForURLAsync(TaskUrl());
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("made in the console");
        await Assertions.Expect(page.Locator(".badge").First).ToContainTextAsync(new Regex("[Cc]ompleted"));
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task NewTask_DataNotFitting_SaysWhichField()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/tasks");
        await page.ClickAsync("details.new-task summary");
        await page.SelectOptionAsync("select[name=target]", "demo/sleep");
        await page.FillAsync("textarea[name=data]", """{"seconds":"soon"}""");
        await page.ClickAsync("form[data-task-form] button[type=submit]");

        await Assertions.Expect(page.Locator(".toast").Last).ToContainTextAsync("data.seconds");
        Assert.EndsWith("/tasks", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewTask_InactiveWorker_IsNotOffered()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        (await fixture.Serve.Http.PostAsync("api/workers/demo-sync/deactivate", null)).EnsureSuccessStatusCode();
        try
        {
            await page.GotoAsync(fixture.BaseUrl + "/tasks");
            var options = await page.Locator("select[name=target] option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
            Assert.Contains("demo/echo", options);
            Assert.DoesNotContain(options, o => o.StartsWith("demo-sync/", StringComparison.Ordinal));
        }
        finally
        {
            (await fixture.Serve.Http.PostAsync("api/workers/demo-sync/activate", null)).EnsureSuccessStatusCode();
        }
    }

    [GeneratedRegex("/tasks/[0-9]+$")]
    private static partial Regex TaskUrl();
}
