using System.Net;
using System.Text.RegularExpressions;

namespace Tasklane.Tests.Api;

/// <summary>The console's pages over HTTP (no browser): redirects, prefix, headers, sign-in form and its anti-forgery check.</summary>
public sealed partial class ConsoleHttpTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(prefix: "/ops");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Browserish() => _host.Anonymous();

    [Fact]
    public async Task Page_Anonymous_RedirectsToLoginUnderPrefix()
    {
        using var client = Browserish();
        var response = await client.GetAsync("/ops/tasks?status=failed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/login?return=%2Fops%2Ftasks%3Fstatus%3Dfailed", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_Get_RendersFormWithPrefixedAssetsAndSecurityHeaders()
    {
        using var client = Browserish();
        var response = await client.GetAsync("/ops/login");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/ops/_tasklane/tasklane.js?v=", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_PostWithoutAntiforgery_Refused()
    {
        using var client = Browserish();
        var response = await client.PostAsync("/ops/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = ApiHost.AdminPassword, ["return"] = "/ops/",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("tasklane_session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Login_PostWithToken_SetsSessionAndRedirectsOnlyInsideConsole()
    {
        using var client = Browserish();
        var first = await client.GetAsync("/ops/login");
        var cookies = string.Join("; ", first.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await first.Content.ReadAsStringAsync()).Groups[1].Value;

        var response = await Send(client, HttpMethod.Post, "/ops/login", cookies, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = "admin", ["password"] = ApiHost.AdminPassword, ["return"] = "https://evil.example/",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/", response.Headers.Location!.OriginalString);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tasklane_session=", StringComparison.Ordinal));
        Assert.Contains("path=/ops", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_ViewerWithBearer_ForbiddenPageFor403()
    {
        await using var root = await ApiHost.StartAsync();
        using var viewer = await root.UserAsync("vic", "viewer");
        var users = await viewer.GetAsync("/users");
        var tasks = await viewer.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Contains("data-forbidden", await users.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
        Assert.DoesNotContain("data-api=", await tasks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Of them subtasks", "Of them subtasks (pending / running / failed)")]
    [InlineData("uk", "З них підзадач", "З них підзадач (очікують / виконуються / невдалі)")]
    [InlineData("ru", "Из них подзадач", "Из них подзадач (ожидают / выполняются / неудачные)")]
    public async Task StatisticsAndQueues_APipeline_ShowItsSubtasksAsTheirOwnFigure(string language, string statsLabel, string queuesHeader)
    {
        await using var root = await ApiHost.StartAsync();
        using var admin = await root.AdminAsync();
        var parent = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "pipeline", data = new { } });
        await ApiHost.WaitForStatusAsync(admin, parent, "completed");
        admin.DefaultRequestHeaders.Add("Cookie", "tasklane_lang=" + language);

        var statistics = await admin.GetStringAsync("/statistics");
        var queues = await admin.GetStringAsync("/queues");

        // The page encodes text as HTML (letters outside Latin as character references).
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Default;
        Assert.Contains($"<div class=\"counter\" data-subtasks><span class=\"label\">{encoder.Encode(statsLabel)}</span><strong>4</strong></div>", statistics, StringComparison.Ordinal);
        Assert.Contains($"<th>{encoder.Encode(queuesHeader)}</th>", queues, StringComparison.Ordinal);
        Assert.Contains("<td data-f=\"subtasks\">0 / 0 / 0</td>", queues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_RecentTasks_ShowTheWorkerWithItsScope()
    {
        await using var root = await ApiHost.StartAsync();
        using var admin = await root.AdminAsync();
        await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "noop" });

        var html = await admin.GetStringAsync("/");

        Assert.Contains("<td data-f=\"worker\">demo<span class=\"muted\"> · samples</span></td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" · default<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_Script_ServedWithCacheHeadersAndEtag()
    {
        using var client = Browserish();
        var response = await client.GetAsync("/ops/_tasklane/tasklane.js?v=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.MaxAge >= TimeSpan.FromDays(1));
        var again = new HttpRequestMessage(HttpMethod.Get, "/ops/_tasklane/tasklane.js?v=1");
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ops/_tasklane/nope.js")).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string cookies, Dictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Cookie", cookies);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        return client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
