using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Tasklane.Samples;
using Tasklane.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>
/// Tasklane is a guest in its host: a host that sets up Data Protection, anti-forgery, authorization policies and
/// OpenTelemetry itself finds them as it set them after adding Tasklane, and Tasklane still works.
/// </summary>
public sealed class GuestHostApiTests : IAsyncLifetime
{
    private const string Password = "guest-host-admin-1";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tasklane-guest-{Guid.NewGuid():N}");
    private readonly List<Metric> _exported = [];
    private WebApplication _app = null!;

    private string HostKeys => Path.Combine(_directory, "host-keys");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // The host's own settings, before Tasklane's.
        builder.Services.AddDataProtection().SetApplicationName("host-app").PersistKeysToFileSystem(new DirectoryInfo(HostKeys));
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-Host-Csrf";
            o.Cookie.Name = "host_csrf";
        });
        builder.Services.AddAuthorization(o => o.AddPolicy("task:list", p => p.RequireClaim("host-claim", "yes")));
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Host.Meter").AddInMemoryExporter(_exported));

        builder.Services.AddTasklane(b => b.UseSqlite(Path.Combine(_directory, "tasklane.db")).AddDemoWorkers().Configure(o =>
        {
            o.DataDirectory = _directory;
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.ShutdownGrace = TimeSpan.FromSeconds(1);
        }));
        builder.Services.AddTasklaneHttp(o => o.AdminPassword = Password);
        _app = builder.Build();
        _app.MapTasklane("/tasklane");
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void HostDataProtection_KeepsItsApplicationNameAndKeyFolder()
    {
        Assert.Equal("host-app", _app.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        var repository = Assert.IsType<FileSystemXmlRepository>(_app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.Equal(Path.GetFullPath(HostKeys), repository.Directory.FullName);
    }

    [Fact]
    public void HostAntiforgery_KeepsItsHeaderCookieAndFrameOptions()
    {
        var options = _app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        Assert.Equal("X-Host-Csrf", options.HeaderName);
        Assert.Equal("host_csrf", options.Cookie.Name);
        Assert.False(options.SuppressXFrameOptionsHeader);
    }

    [Fact]
    public async Task HostPolicies_KeepTheirNames_TasklanesArePrefixed()
    {
        var policies = _app.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        var hosts = await policies.GetPolicyAsync("task:list");
        var requirement = Assert.IsType<ClaimsAuthorizationRequirement>(Assert.Single(hosts!.Requirements));
        Assert.Equal("host-claim", requirement.ClaimType);
        Assert.NotNull(await policies.GetPolicyAsync("tasklane:task:list"));
        Assert.NotNull(await policies.GetPolicyAsync(TasklanePolicies.For(Permissions.UserManage)));
    }

    [Fact]
    public async Task HostOpenTelemetry_GetsNoTasklaneMeterNorExporter_TasklaneMapsNoMetrics()
    {
        using var admin = await AdminAsync();
        var id = await CreateEchoAsync(admin);
        await WaitCompletedAsync(admin, id);

        Assert.True(_app.Services.GetRequiredService<MeterProvider>().ForceFlush());
        Assert.DoesNotContain(_exported, m => m.MeterName == TasklaneDiagnostics.MeterName);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/tasklane/metrics")).StatusCode);
    }

    [Fact]
    public async Task Tasklane_StillWorks_TasksSecretsAndItsOwnAntiforgery()
    {
        using var admin = await AdminAsync();
        var id = await CreateEchoAsync(admin);
        await WaitCompletedAsync(admin, id);

        // A worker secret round-trips on Tasklane's own key ring; the host's protector works on the host's.
        var put = await admin.PutAsJsonAsync("/tasklane/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test", api_key = "guest-secret" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var settings = await _app.Services.GetRequiredServiceOf<WorkerCatalog>().ReadSettingsAsync<DemoSyncSettings>("demo-sync", CancellationToken.None);
        Assert.Equal("guest-secret", settings.ApiKey);
        var hostProtector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("host");
        Assert.Equal("x", hostProtector.Unprotect(hostProtector.Protect("x")));

        // Tasklane's anti-forgery answers with its own header name, not the host's.
        var antiforgery = await admin.GetFromJsonAsync<JsonElement>("/tasklane/api/auth/antiforgery");
        Assert.Equal("X-CSRF-TOKEN", antiforgery.GetProperty("header_name").GetString());
    }

    [Fact]
    public async Task Console_SignInWithItsAntiforgeryToken_Works()
    {
        var client = _app.GetTestClient();
        var page = await client.GetAsync("/tasklane/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tasklane_antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        Assert.NotEmpty(token);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());

        using var login = new HttpRequestMessage(HttpMethod.Post, "/tasklane/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = "admin", ["password"] = Password, ["return"] = "/tasklane/", ["__RequestVerificationToken"] = token,
            }),
        };
        login.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(login);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tasklane_session=", StringComparison.Ordinal));
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = _app.GetTestClient();
        var response = await client.PostAsJsonAsync("/tasklane/api/auth/login", new { username = "admin", password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<long> CreateEchoAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/tasklane/api/tasks", new { worker = "demo", action = "echo", data = new { message = "m" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task WaitCompletedAsync(HttpClient client, long id) =>
        await Eventually.ValueAsync(async () => await client.GetFromJsonAsync<JsonElement>($"/tasklane/api/tasks/{id}"),
            t => t.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(20), "the task to complete");
}
