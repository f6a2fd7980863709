using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Tasklane.Tests.Browser;

/// <summary>
/// How the console updates itself, in real Chromium against <c>tasklane serve --demo</c>: server-rendered fragments swapped in
/// place (no JSON polling), R on every page, the worker settings summary after Save, and tables that fit 1280 × 800.
/// </summary>
[Collection("Browser")]
public sealed class ConsoleUpdateTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Dashboard_TaskCreatedThroughTheApi_CountersAndActiveListSwapInPlace()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        var apiCalls = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/", StringComparison.Ordinal)) lock (apiCalls) apiCalls.Add(request.Url); };
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        var total = long.Parse(await page.Locator("[data-count=total]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var id = await fixture.CreateTaskAsync("sleep", new { seconds = 20, steps = 20 });
        var active = page.Locator($"[data-active-tasks] tr[data-active-id='{id}']");
        await Assertions.Expect(active).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(active.Locator("[data-f=attempt]")).ToContainTextAsync("1/");
        await Assertions.Expect(page.Locator("[data-count=total]")).Not.ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-count=running-queued]")).ToContainTextAsync(" / ");
        await ConsoleFixture.ScreenshotAsync(page, "dashboard-active");

        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        lock (apiCalls) Assert.Empty(apiCalls); // no JSON patching: the page asked only for its own fragments
        await fixture.Serve.Http.PostAsync($"api/tasks/{id}/cancel", null);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task R_QueuesStatisticsSchedulesWorkers_ShowsWhatChanged()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;

        // Each page's change stream is closed first, so only R can bring the change in.
        async Task OpenAsync(string path)
        {
            await page.GotoAsync(fixture.BaseUrl + path);
            await page.EvaluateAsync("() => { window.dispatchEvent(new Event('pagehide')); window.__noReload = 'still here'; }");
        }
        async Task PressRAsync()
        {
            await page.Keyboard.PressAsync("r");
            await Assertions.Expect(page.Locator(".toast").Last).ToHaveTextAsync("Done.");
            Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        }

        var queue = "r-" + Guid.NewGuid().ToString("N")[..8];
        await OpenAsync("/queues");
        (await fixture.Serve.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "echo", data = new { message = "r" }, queue, run_at = DateTimeOffset.UtcNow.AddHours(1) })).EnsureSuccessStatusCode();
        Assert.Equal(0, await page.Locator($"tr[data-queue='{queue}']").CountAsync());
        await PressRAsync();
        await Assertions.Expect(page.Locator($"tr[data-queue='{queue}']")).ToBeVisibleAsync();

        await OpenAsync("/statistics");
        var before = await page.Locator("[data-stat=total]").InnerTextAsync();
        await fixture.CreateTaskAsync("echo", new { message = "counted" });
        await PressRAsync();
        await Assertions.Expect(page.Locator("[data-stat=total]")).Not.ToHaveTextAsync(before);

        await OpenAsync("/tasks/schedules");
        var badge = page.Locator("tr[data-schedule='demo-sync'] .badge");
        var was = await badge.InnerTextAsync();
        (await fixture.Serve.Http.PostAsync("api/task-schedules/demo-sync/toggle", null)).EnsureSuccessStatusCode();
        await PressRAsync();
        await Assertions.Expect(badge).Not.ToHaveTextAsync(was);

        await OpenAsync("/workers");
        var toggle = page.Locator("tr[data-worker='demo-sync'] input[data-toggle-url]");
        Assert.True(await toggle.IsCheckedAsync());
        (await fixture.Serve.Http.PostAsync("api/workers/demo-sync/deactivate", null)).EnsureSuccessStatusCode();
        await PressRAsync();
        await Assertions.Expect(toggle).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("tr[data-worker='demo-sync'] label.switch span")).ToHaveTextAsync("Off");

        // The switch itself: the row is the server's again, with the same wording.
        await toggle.CheckAsync();
        await Assertions.Expect(page.Locator(".toast").Last).Not.ToHaveTextAsync("Done.");
        await Assertions.Expect(page.Locator("tr[data-worker='demo-sync'] label.switch span")).ToHaveTextAsync("On");
        (await fixture.Serve.Http.PostAsync("api/task-schedules/demo-sync/toggle", null)).EnsureSuccessStatusCode();
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task WorkerSettings_Save_SummaryShowsTheNewSchedule()
    {
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        await page.GotoAsync(fixture.BaseUrl + "/workers/demo");
        await page.SelectOptionAsync("select[name=kind]", "regular");
        await page.FillAsync("input[name=every]", "7");
        await page.SelectOptionAsync("select[name=unit]", "minutes");
        await page.FillAsync("input[name=from]", "00:00");
        await page.FillAsync("input[name=to]", "23:59");
        await page.ClickAsync("form[data-worker-form] button[type=submit]");
        await Assertions.Expect(page.Locator(".toast").Last).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-schedule-summary]")).ToContainTextAsync("7");

        await page.FillAsync("input[name=every]", "9");
        await page.ClickAsync("form[data-worker-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-schedule-summary]")).ToContainTextAsync("9");
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task Tables_At1280x800_NoButtonClipped()
    {
        var running = await fixture.CreateTaskAsync("sleep", new { seconds = 60, steps = 60 });
        var failed = await fixture.CreateTaskAsync("flaky", new { failures = 5 }, maxAttempts: 1);
        await fixture.CreateTaskAsync("echo", new { message = new string('x', 300) });
        var pipeline = await fixture.CreateTaskAsync("pipeline", new { fail_step = "transform-a" });
        await fixture.WaitForStatusAsync(failed, "failed");
        await fixture.WaitForStatusAsync(pipeline, "failed");
        await fixture.WaitForStatusAsync(running, "running");
        await fixture.CreateUserAsync("fit-" + Guid.NewGuid().ToString("N")[..6], "fit-password-1234", "operator");

        await using var console = await fixture.SignedInAsync(width: 1280, height: 800);
        var page = console.Page;
        foreach (var path in new[] { "/tasks", "/tasks/failed", $"/tasks/{pipeline}#subtasks", "/queues", "/workers", "/users" })
        {
            await page.GotoAsync(fixture.BaseUrl + path.Split('#')[0]);
            if (path.Contains("#subtasks", StringComparison.Ordinal)) await page.ClickAsync("[data-tab=subtasks]");
            var buttons = await page.Locator("main table button:visible, main table a.btn:visible, main table label.switch:visible").CountAsync();
            Assert.True(buttons > 0 || path is "/queues", $"{path} shows no button in a table");
            var clipped = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main table button, main table a.btn, main table label.switch')]
                .filter(b => b.offsetParent !== null)
                .filter(b => {
                    const r = b.getBoundingClientRect();
                    const cell = b.closest('td, th').getBoundingClientRect();
                    const wrap = b.closest('.table-wrap')?.getBoundingClientRect() ?? { left: 0, right: innerWidth };
                    return r.left < cell.left - 0.5 || r.right > cell.right + 0.5 || r.right > Math.min(innerWidth, wrap.right) + 0.5
                        || r.left < Math.max(0, wrap.left) - 0.5 || b.scrollWidth > b.clientWidth;
                })
                .map(b => `${b.textContent.trim()} (${Math.round(b.getBoundingClientRect().right)} px)`)");
            Assert.True(clipped.Length == 0, $"{path} clips: {string.Join(", ", clipped)}");
            await ConsoleFixture.ScreenshotAsync(page, "fit-1280" + path.Split('#')[0].Replace('/', '-'));
        }
        await fixture.Serve.Http.PostAsync($"api/tasks/{running}/cancel", null);
        Assert.Empty(console.Errors);
    }

    [Fact]
    public async Task RecentTasksMenu_ServerFragment_NoJsonEndpoint()
    {
        var id = await fixture.CreateTaskAsync("echo", new { message = "menu" });
        await using var console = await fixture.SignedInAsync();
        var page = console.Page;
        var apiCalls = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/", StringComparison.Ordinal)) lock (apiCalls) apiCalls.Add(request.Url); };
        await page.GotoAsync(fixture.BaseUrl + "/workers");
        await page.ClickAsync("details.recent > summary");
        await Assertions.Expect(page.Locator($"[data-recent-list] a[href$='/tasks/{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-recent-list] a[href$='/tasks/{id}'] .badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Completed|Running|Pending"));
        lock (apiCalls) Assert.Empty(apiCalls);
        Assert.Empty(console.Errors);
    }
}
