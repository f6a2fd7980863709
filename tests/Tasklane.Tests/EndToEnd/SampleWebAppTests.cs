using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.Samples.WebApp;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// samples/Tasklane.Samples.WebApp on a real port: the app's own sign-in, its page that starts an export, and
/// Tasklane under /tasklane behind the app's authentication (UseHostAuthentication).
/// </summary>
public sealed partial class SampleWebAppTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tasklane-webapp-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--data", _directory]);
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Page_StartsAnExport_VisibleUnderTasklaneForThatUser_AndRunsToTheEnd()
    {
        using var alice = await SignInAsync("alice");
        var id = await StartExportAsync(alice);

        var mine = await alice.GetFromJsonAsync<JsonElement>("/tasklane/api/tasks");
        var task = Assert.Single(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal("export", task.GetProperty("worker").GetString());
        Assert.Contains("alice", task.GetRawText(), StringComparison.Ordinal);
        // The page's progress reads the task's status through Tasklane's API with the app's cookie.
        var status = await Eventually.ValueAsync(async () => await alice.GetFromJsonAsync<JsonElement>($"/tasklane/api/tasks/{id}/status"),
            s => s.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(30), "the export to complete");
        Assert.Equal(100.0, status.GetProperty("progress").GetDouble(), 3);
    }

    [Fact]
    public async Task HostUsers_StaffSeeOnlyTheirOwn_AdminSeesAll_UnmappedGets403()
    {
        using var alice = await SignInAsync("alice");
        using var bob = await SignInAsync("bob");
        using var carol = await SignInAsync("carol");
        using var mallory = await SignInAsync("mallory");
        var aliceTask = await StartExportAsync(alice);
        var bobTask = await StartExportAsync(bob);

        Assert.Equal([bobTask], await IdsAsync(bob));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/tasklane/api/tasks/{aliceTask}")).StatusCode);
        Assert.Equal([aliceTask, bobTask], (await IdsAsync(carol)).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync("/tasklane/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/tasklane/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/tasklane/api/users")).StatusCode);
        using var anonymous = Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/tasklane/api/tasks")).StatusCode);
    }

    [Fact]
    public async Task HostUser_CookiePostToTheApi_NeedsTasklanesAntiforgeryHeader()
    {
        using var alice = await SignInAsync("alice");
        var body = new { worker = "export", action = "run", data = new { steps = 1, milliseconds_per_step = 0 } };

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsJsonAsync("/tasklane/api/tasks", body)).StatusCode);
        var antiforgery = await alice.GetFromJsonAsync<JsonElement>("/tasklane/api/auth/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tasklane/api/tasks") { Content = JsonContent.Create(body) };
        request.Headers.Add(antiforgery.GetProperty("header_name").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Created, (await alice.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Healthz_Answers_AndTheConsoleRendersForASignedInHostUser()
    {
        using var anonymous = Client();
        var health = await anonymous.GetAsync("/tasklane/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // Signed out, the console sends the browser to the app's own sign-in.
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _address };
        var challenge = await noRedirects.GetAsync("/tasklane/");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/signin", challenge.Headers.Location!.AbsolutePath, StringComparison.Ordinal);

        using var carol = await SignInAsync("carol");
        var console = await carol.GetAsync("/tasklane/");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        var html = await console.Content.ReadAsStringAsync();
        Assert.Contains("carol", html, StringComparison.Ordinal);
        Assert.Contains("/tasklane/tasks", html, StringComparison.Ordinal);
    }

    private HttpClient Client() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _address };

    /// <summary>Signs in through the app's own form, anti-forgery token and all, as a browser would.</summary>
    private async Task<HttpClient> SignInAsync(string name)
    {
        var client = Client();
        var page = await client.GetStringAsync("/signin");
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page), ["Username"] = name, ["Password"] = name + "-password", ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Signed in as <b>{name}</b>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return client;
    }

    /// <summary>Presses the page's button; the answer is the page of the new export.</summary>
    private static async Task<long> StartExportAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/");
        var response = await client.PostAsync("/exports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page), ["Steps"] = "3",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = ExportPath().Match(response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.True(match.Success, response.RequestMessage.RequestUri.ToString());
        Assert.Contains("<progress", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long[]> IdsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/tasklane/api/tasks")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())];

    private static string Token(string html) => VerificationToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex VerificationToken();

    [GeneratedRegex("^/exports/([0-9]+)$")]
    private static partial Regex ExportPath();
}
