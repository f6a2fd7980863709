using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>The Subtasks tab of the task detail page: table, dependency graph, live updates and Retry on a failed step.</summary>
[Collection("Browser")]
public sealed class ConsoleSubtaskTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static readonly object FailingPipeline = new { fail_step = "transform-a" };

    [Fact]
    public async Task SubtasksTab_FailedPipeline_RetryStepCompletesWithoutReload()
    {
        var id = await fixture.CreateTaskAsync("pipeline", FailingPipeline);
        await fixture.WaitForStatusAsync(id, "failed");
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync($"{fixture.BaseUrl}/tasks/{id}");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        await page.ClickAsync("[data-tab=subtasks]");

        var rows = page.Locator("[data-subtask-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        Assert.Equal(["fetch", "transform-a", "transform-b", "publish"],
            await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.name)"));
        await Assertions.Expect(page.Locator("tr[data-name='transform-a'] .badge")).ToHaveTextAsync("Failed");
        await Assertions.Expect(page.Locator("tr[data-name='publish'] .badge")).ToHaveTextAsync("Pending");
        await Assertions.Expect(page.Locator("tr[data-name='publish']")).ToContainTextAsync("transform-a, transform-b");
        await Assertions.Expect(page.Locator("tr[data-name='transform-a']")).ToContainTextAsync("demo/step");

        var nodes = page.Locator("svg[data-dag] [data-node]");
        await Assertions.Expect(nodes).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("svg[data-dag] path.dag-edge")).ToHaveCountAsync(4);
        var failed = page.Locator("svg[data-dag] [data-node][data-status=failed]");
        await Assertions.Expect(failed).ToHaveCountAsync(1);
        await Assertions.Expect(failed).ToContainTextAsync("transform-a");
        Assert.Equal("rgb(180, 35, 24)", await failed.Locator("rect").EvaluateAsync<string>("r => getComputedStyle(r).stroke"));
        // Columns by dependency depth: fetch, then both transforms, then publish.
        var xs = await nodes.EvaluateAllAsync<double[]>("ns => ns.map(n => n.getBBox ? n.getCTM().e : 0)");
        Assert.True(xs[0] < xs[1] && xs[1] == xs[2] && xs[2] < xs[3], string.Join(", ", xs));
        await ConsoleFixture.ScreenshotAsync(page, "task-subtasks");

        await page.ClickAsync("tr[data-name='transform-a'] button:has-text('Retry')");
        await Assertions.Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#confirm [data-confirm-text]")).ToContainTextAsync("transform-a");
        await page.ClickAsync("#confirm [data-confirm-ok]");
        await Assertions.Expect(page.Locator(".toast").First).ToContainTextAsync("Subtask queued again.");

        await Assertions.Expect(page.Locator("[data-f=status]").First).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("svg[data-dag] [data-node][data-status=completed]")).ToHaveCountAsync(4, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-panel=subtasks]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-subtask-table] button").CountAsync());
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        await ConsoleFixture.ScreenshotAsync(page, "task-subtasks-completed");

        // The API's refusal shows as a notification: retrying a step that is no longer failed is a 409.
        var fetchId = await page.Locator("tr[data-name='fetch']").GetAttributeAsync("data-subtask-id");
        await page.EvaluateAsync(
            "url => { const b = document.createElement('button'); b.dataset.api = url; b.id = 'stale-retry'; b.textContent = 'x'; document.querySelector('main').append(b); }",
            $"{fixture.BaseUrl}/api/subtasks/{fetchId}/retry");
        await page.ClickAsync("#stale-retry");
        await Assertions.Expect(page.Locator(".toast.error")).ToContainTextAsync("Only a failed subtask can be retried");
        Assert.DoesNotContain(console.Errors, e => !e.Contains("409", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubtasksTab_Viewer_SeesTheStepsWithoutRetry()
    {
        // A viewer sees only their own tasks and cannot create any: the user creates the pipeline as an operator, then becomes a viewer.
        var created = await fixture.Serve.Http.PostAsJsonAsync("api/users", new { username = "subviewer", password = "viewer-password-2", role = "operator" });
        created.EnsureSuccessStatusCode();
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var operatorHttp = new HttpClient { BaseAddress = fixture.Serve.BaseAddress };
        var login = await operatorHttp.PostAsJsonAsync("api/auth/login", new { username = "subviewer", password = "viewer-password-2" });
        login.EnsureSuccessStatusCode();
        operatorHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        var task = await operatorHttp.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "pipeline", data = FailingPipeline });
        task.EnsureSuccessStatusCode();
        var id = (await task.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await fixture.WaitForStatusAsync(id, "failed");
        (await fixture.Serve.Http.PutAsJsonAsync($"api/users/{userId}", new { role = "viewer" })).EnsureSuccessStatusCode();

        await using var console = await fixture.SignedInAsync("subviewer", "viewer-password-2");
        var page = console.Page;
        await page.GotoAsync($"{fixture.BaseUrl}/tasks/{id}");
        await page.ClickAsync("[data-tab=subtasks]");
        await Assertions.Expect(page.Locator("[data-subtask-table] tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("svg[data-dag] [data-node]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("svg[data-dag] [data-node][data-status=failed]")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("[data-subtasks] button").CountAsync());
        Assert.Equal(0, await page.Locator("main [data-api]").CountAsync());
        Assert.Empty(console.Errors);
    }
}
