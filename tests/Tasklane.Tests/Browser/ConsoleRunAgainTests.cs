using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>The task detail's "Run again" in real Chromium: the data is edited as JSON and sent to clone; bad data is refused on the page.</summary>
[Collection("Browser")]
public sealed partial class ConsoleRunAgainTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task RunAgain_WithEditedJson_OpensTheCloneWithTheNewData()
    {
        var source = await CreateTaggedAsync();
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + $"/tasks/{source}");
        await Assertions.Expect(page.Locator("[data-tags]")).ToContainTextAsync("rerun-me");
        await page.ClickAsync("[data-run-again]");
        await Assertions.Expect(page.Locator("textarea[data-json-editor]")).ToHaveValueAsync(new Regex("first run"));

        await page.FillAsync("textarea[data-json-editor]", """{"message":"second run from the console"}""");
        await page.SelectOptionAsync("select[name=priority]", "high");
        await page.ClickAsync("form[data-run-again-form] button[type=submit]");

        await page.WaitForURLAsync(TaskUrl());
        var clone = long.Parse(TaskUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(source, clone);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("second run from the console");
        await Assertions.Expect(page.Locator($"dl.kv a[href$='/tasks/{source}']")).ToBeVisibleAsync();
        var task = await fixture.Serve.Http.GetFromJsonAsync<JsonElement>($"api/tasks/{clone}");
        Assert.Equal(source, task.GetProperty("cloned_from").GetInt64());
        Assert.Equal("high", task.GetProperty("priority").GetString());
        Assert.Equal("second run from the console", task.GetProperty("data").GetProperty("message").GetString());
        Assert.Equal("rerun-me", task.GetProperty("tags")[0].GetString());
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task RunAgain_DataNotFittingOrNotJson_IsRefusedOnThePage()
    {
        var source = await CreateTaggedAsync();
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + $"/tasks/{source}/run-again");

        await page.FillAsync("textarea[data-json-editor]", """{"message": 42}""");
        await page.ClickAsync("form[data-run-again-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-run-again-error]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-run-again-error]")).ToContainTextAsync("data");

        await page.FillAsync("textarea[data-json-editor]", """{"message": """);
        await page.ClickAsync("form[data-run-again-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-run-again-error]")).ToContainTextAsync("JSON");
        Assert.EndsWith($"/tasks/{source}/run-again", page.Url, StringComparison.Ordinal);
        var clones = await fixture.Serve.Http.GetFromJsonAsync<JsonElement>("api/tasks?tag=rerun-me&page_size=200");
        Assert.DoesNotContain(clones.GetProperty("items").EnumerateArray(), t => t.GetProperty("cloned_from").ValueKind == JsonValueKind.Number
            && t.GetProperty("cloned_from").GetInt64() == source);
    }

    private async Task<long> CreateTaggedAsync()
    {
        var response = await fixture.Serve.Http.PostAsJsonAsync("api/tasks", new
        {
            worker = "demo", action = "echo", data = new { message = "first run" }, tags = new[] { "rerun-me" },
            run_at = DateTimeOffset.UtcNow.AddHours(1),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [GeneratedRegex("/tasks/([0-9]+)$")]
    private static partial Regex TaskUrl();
}
