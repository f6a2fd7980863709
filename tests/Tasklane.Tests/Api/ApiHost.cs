using Tasklane.Samples;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Tasklane.Sqlite;

namespace Tasklane.Tests.Api;

/// <summary>A Tasklane host on a test server and its own temp SQLite file, with helpers to sign in and wait.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string AdminPassword = "admin-password-1";
    public const string ClientIp = "10.1.2.3";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly ITaskStore _store;
    private readonly string _directory;

    private ApiHost(WebApplication app, ITaskStore store, string directory, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        _store = store;
        _directory = directory;
    }

    public ITaskStore Store => _store;

    public IAccountStore Accounts => (IAccountStore)_store;

    public string DatabasePath => Path.Combine(_directory, "tasklane.db");

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the host logged (warnings and errors of every category, debug of Tasklane's).</summary>
    public CapturedLogs Logs { get; }

    /// <param name="configure">Changes to the HTTP options.</param>
    /// <param name="prefix">The prefix Tasklane is mapped under.</param>
    /// <param name="host">The host's own services, registered before Tasklane's (as an app that embeds Tasklane would).</param>
    /// <param name="tasklane">More on the Tasklane builder (workers made of delegates, say).</param>
    /// <param name="store">The store, from the host's temp directory (default: a SQLite file in it).</param>
    /// <param name="openApi">Serve the OpenAPI document at <c>/openapi/v1.json</c>, as <c>tasklane serve</c> does.</param>
    public static async Task<ApiHost> StartAsync(Action<TasklaneHttpOptions>? configure = null, string prefix = "/", Action<IServiceCollection, string>? host = null,
        Action<TasklaneBuilder>? tasklane = null, Func<string, ITaskStore>? store = null, bool openApi = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tasklane-api-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var taskStore = store?.Invoke(directory) ?? new SqliteTaskStore(Path.Combine(directory, "tasklane.db"));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(taskStore);
        host?.Invoke(builder.Services, directory);
        var tasklaneBuilder = builder.Services.AddTasklane(b => b
            .AddWorker<SleepWorker>()
            .AddDemoWorkers()
            .Configure(o =>
            {
                o.DataDirectory = directory;
                o.ArtifactsPath = Path.Combine(directory, "artifacts");
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                o.ShutdownGrace = TimeSpan.FromSeconds(1);
            }));
        // After AddTasklane, as AddTasklane(...).AddWorker(...) is written in an app.
        tasklane?.Invoke(tasklaneBuilder);
        builder.Services.AddTasklaneHttp(o =>
        {
            o.AdminPassword = AdminPassword;
            o.MetricsEndpoint = true;
            configure?.Invoke(o);
        });
        // As tasklane serve does: the host's pipeline with Tasklane's meter and the Prometheus exporter.
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddTasklaneInstrumentation().AddPrometheusExporter());
        if (openApi) builder.Services.AddOpenApi(o => o.AddTasklane());
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Parse(ClientIp);
            return next(context);
        });
        if (openApi) app.MapOpenApi();
        app.MapTasklane(prefix);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that fails to start (bad options) leaves nothing behind.
            await app.DisposeAsync();
            await DisposeStoreAsync(taskStore);
            Directory.Delete(directory, recursive: true);
            throw;
        }
        return new ApiHost(app, taskStore, directory, logs);
    }

    private static async ValueTask DisposeStoreAsync(ITaskStore store)
    {
        if (store is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else (store as IDisposable)?.Dispose();
    }

    public HttpClient Anonymous() => _app.GetTestClient();

    public async Task<HttpClient> SignInAsync(string username, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync("admin", AdminPassword);

    /// <summary>Creates a user with the role (as admin) and signs it in.</summary>
    public async Task<HttpClient> UserAsync(string username, string role)
    {
        using var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/users", new { username, password = "password-" + username, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await SignInAsync(username, "password-" + username);
    }

    /// <summary>Creates a task and returns its id.</summary>
    public static async Task<long> CreateTaskAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/tasks", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Polls the task until <paramref name="predicate"/> holds for it, or fails after <see cref="Timeout"/>.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, long id, Func<JsonElement, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        JsonElement task = default;
        while (!timeout.IsCancellationRequested)
        {
            task = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
            if (predicate(task)) return task;
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        Assert.Fail($"Task {id} did not reach the expected state in time; last: {task}");
        return task;
    }

    public static Task<JsonElement> WaitForStatusAsync(HttpClient client, long id, string status) =>
        WaitForAsync(client, id, t => t.GetProperty("status").GetString() == status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await DisposeStoreAsync(_store);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held elsewhere stays in the temp folder; results do not depend on it.
        }
    }
}
