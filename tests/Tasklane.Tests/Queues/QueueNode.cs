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
using Tasklane.Sqlite;
using Tasklane.Tests.Api;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Queues;

/// <summary>
/// The database of one test on either store (a SQLite file, or a PostgreSQL schema that every node of the test shares),
/// and nodes on it: each a web host with the API and, unless told otherwise, the engine.
/// </summary>
public sealed class QueueStores : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly PostgreSqlTestDatabases? _databases;
    private readonly string? _schema;
    private readonly List<WebApplication> _nodes = [];

    public QueueStores(string store)
    {
        Store = store;
        if (store == "postgresql")
        {
            _databases = new PostgreSqlTestDatabases();
            _schema = _databases.NewSchema();
        }
    }

    public string Store { get; }

    public ConcurrencyTracker Tracker { get; } = new();

    /// <param name="name">The node's name, as the workers record it.</param>
    /// <param name="configure">Changes to the node's (quick) options.</param>
    /// <param name="secondWorker">True: the node runs <see cref="SecondLimitWorker"/> instead of <see cref="LimitWorker"/>.</param>
    public async Task<WebApplication> NodeAsync(string name, Action<TasklaneOptions>? configure = null, bool secondWorker = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Tracker);
        builder.Services.AddSingleton(new NodeName(name));
        builder.Services.AddTasklane(t =>
        {
            if (_schema is not null) t.UsePostgreSql(PostgreSqlTestDatabases.ConnectionString, _schema);
            else t.UseSqlite(_directory.DatabasePath);
            (secondWorker ? t.AddWorker<SecondLimitWorker>() : t.AddWorker<LimitWorker>()).Configure(o =>
            {
                o.DataDirectory = Path.Combine(_directory.Path, name);
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                o.ShutdownGrace = TimeSpan.FromSeconds(1);
                o.ReportFlushInterval = TimeSpan.FromMilliseconds(20);
                configure?.Invoke(o);
            });
        });
        builder.Services.AddTasklaneHttp(o => o.AdminPassword = ApiHost.AdminPassword);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Parse(ApiHost.ClientIp);
            return next(context);
        });
        app.MapTasklane("/");
        await app.Services.GetRequiredService<ITaskStore>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        _nodes.Add(app);
        return app;
    }

    public static async Task<HttpClient> SignInAsync(WebApplication node, string username = "admin", string password = ApiHost.AdminPassword)
    {
        var client = node.GetTestClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    public static ITaskStore StoreOf(WebApplication node) => node.Services.GetRequiredService<ITaskStore>();

    public static ITaskClient ClientOf(WebApplication node) => node.Services.GetRequiredService<ITaskClient>();

    /// <summary>Waits until every given task has completed.</summary>
    public static Task AllCompletedAsync(WebApplication node, IReadOnlyList<long> ids, TimeSpan timeout) =>
        Eventually.TrueAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await StoreOf(node).GetTaskAsync(id, CancellationToken.None))?.Status != TaskState.Completed) return false;
            }
            return true;
        }, timeout, $"{ids.Count} tasks to complete");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            try { await node.StopAsync(); }
            catch (OperationCanceledException) { }
            await node.DisposeAsync();
        }
        if (_databases is not null) await _databases.DisposeAsync();
        _directory.Dispose();
    }
}
