using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tasklane.PostgreSql;
using Tasklane.Samples;
using Tasklane.Sqlite;
using Tasklane.Tests.Api;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Webhooks;

/// <summary>
/// A Tasklane node with the HTTP API on a test server, on a real store (<c>sqlite</c>: a temp file; <c>postgresql</c>:
/// a fresh schema on the test server, failing when there is none), with the demo workers and quick webhook timings.
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;
    private readonly PostgreSqlTestDatabases? _databases;

    private WebhookHost(WebApplication app, TempDirectory directory, PostgreSqlTestDatabases? databases)
    {
        _app = app;
        _directory = directory;
        _databases = databases;
    }

    public IServiceProvider Services => _app.Services;

    public IWebhookStore Webhooks => _app.Services.GetRequiredService<IWebhookStore>();

    /// <param name="store"><c>sqlite</c> or <c>postgresql</c>.</param>
    /// <param name="runEngine">False: this node runs no task (due tasks wait: a stalled queue).</param>
    /// <param name="webhooks">Changes to the (already quick) webhook options.</param>
    /// <param name="schema">PostgreSQL: the schema of another node to share (that node drops it); null: a fresh one.</param>
    public static async Task<WebhookHost> StartAsync(string store, bool runEngine = true, Action<TasklaneWebhookOptions>? webhooks = null, string? schema = null)
    {
        var directory = new TempDirectory();
        var databases = store == "postgresql" && schema is null ? new PostgreSqlTestDatabases() : null;
        var ownSchema = databases?.NewSchema();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddTasklane(t =>
        {
            if (store == "postgresql") t.UsePostgreSql(PostgreSqlTestDatabases.ConnectionString, schema ?? ownSchema!);
            else t.UseSqlite(directory.DatabasePath);
            t.AddDemoWorkers().Configure(o =>
            {
                o.DataDirectory = directory.Path;
                o.RunEngine = runEngine;
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                o.ShutdownGrace = TimeSpan.FromSeconds(1);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
            });
        });
        builder.Services.AddTasklaneHttp(o =>
        {
            o.AdminPassword = ApiHost.AdminPassword;
            o.Webhooks.PollInterval = TimeSpan.FromMilliseconds(50);
            o.Webhooks.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            o.Webhooks.RetryMaxDelay = TimeSpan.FromSeconds(1);
            o.Webhooks.StalledAfter = TimeSpan.FromSeconds(1);
            o.Webhooks.StallCheckInterval = TimeSpan.FromMilliseconds(200);
            o.Webhooks.Timeout = TimeSpan.FromSeconds(5);
            webhooks?.Invoke(o.Webhooks);
        });
        var app = builder.Build();
        app.MapTasklane("/");
        await app.Services.GetRequiredService<ITaskStore>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        return new WebhookHost(app, directory, databases) { Schema = schema ?? ownSchema };
    }

    /// <summary>The PostgreSQL schema of this node, or null on SQLite.</summary>
    public string? Schema { get; private init; }

    /// <summary>The SQLite file (on SQLite).</summary>
    public string DatabasePath => _directory.DatabasePath;

    public HttpClient Anonymous() => _app.GetTestClient();

    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var client = _app.GetTestClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync("admin", ApiHost.AdminPassword);

    /// <summary>Creates a user with the role (as admin) and signs it in.</summary>
    public async Task<HttpClient> UserAsync(string username, string role)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/users", new { username, password = "password-" + username, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await SignInAsync(username, "password-" + username);
    }

    /// <summary>Creates a hook as <paramref name="client"/> and returns its id.</summary>
    public static async Task<long> CreateHookAsync(HttpClient client, string url, string secret, string[] events, string? worker = null)
    {
        var response = await client.PostAsJsonAsync("/api/webhooks", new { url, events, worker, secret });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_databases is not null) await _databases.DisposeAsync();
        _directory.Dispose();
    }
}
