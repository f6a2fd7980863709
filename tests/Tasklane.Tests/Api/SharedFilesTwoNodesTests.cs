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
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>
/// Two nodes on one PostgreSQL schema, each with a data directory of its own (no shared disk): node A serves the API
/// and runs nothing, node B runs the tasks. What one node saves (a secret, an artifact, a moved log), the other reads.
/// </summary>
public sealed class SharedFilesTwoNodesTests
{
    private const string Secret = "two-nodes-secret-value";

    [Fact]
    public async Task TwoNodesWithoutASharedDisk_SecretArtifactAndMovedLogCrossNodes()
    {
        await using var databases = new PostgreSqlTestDatabases();
        var schema = databases.NewSchema();
        using var folderA = new TempDirectory();
        using var folderB = new TempDirectory();

        await using var a = await NodeAsync(schema, folderA.Path, runEngine: false);
        using var adminA = await SignInAsync(a);
        var settings = await adminA.GetFromJsonAsync<JsonElement>("/api/system/task-settings");
        var put = await adminA.PutAsJsonAsync("/api/system/task-settings", new
        {
            task_max_concurrent = settings.GetProperty("task_max_concurrent").GetInt32(),
            task_log_storage_backend = "file",
            retention_days = settings.GetProperty("retention_days").GetInt32(),
            subtask_retry_window_hours = settings.GetProperty("subtask_retry_window_hours").GetInt32(),
            lease_seconds = settings.GetProperty("lease_seconds").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var secret = await adminA.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { endpoint = "https://example.test", api_key = Secret } });
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);

        await using var b = await NodeAsync(schema, folderB.Path, runEngine: true);

        // The secret node A encrypted, node B decrypts: in its catalog and in a task it runs.
        var onB = await b.Services.GetRequiredService<WorkerCatalog>().ReadSettingsAsync<DemoSyncSettings>("demo-sync", CancellationToken.None);
        Assert.Equal(Secret, onB.ApiKey);
        var sync = await ApiHost.CreateTaskAsync(adminA, new { worker = "demo-sync", action = "sync" });
        await ApiHost.WaitForStatusAsync(adminA, sync, "completed");

        // The artifact node B made downloads through node A.
        var report = await ApiHost.CreateTaskAsync(adminA, new { worker = "demo", action = "report", data = new { rows = 3 } });
        await ApiHost.WaitForStatusAsync(adminA, report, "completed");
        var download = await adminA.GetAsync($"/api/tasks/{report}/artifact");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("row,value\n1,1\n2,4\n3,9\n", await download.Content.ReadAsStringAsync());

        // Node B moves the finished tasks' logs out of task_logs (the file backend); node A still reads them.
        await Eventually.TrueAsync(async () =>
            (long)(await PostgreSqlTestDatabases.QueryAsync($"SELECT count(*) FROM \"{schema}\".task_logs WHERE task_id = {sync}"))[0] == 0
            && (long)(await PostgreSqlTestDatabases.QueryAsync($"SELECT count(*) FROM \"{schema}\".task_log_archives WHERE task_id = {sync}"))[0] > 0,
            TimeSpan.FromSeconds(20), "node B to move the finished task's log into the database archive");
        var logs = await adminA.GetFromJsonAsync<JsonElement>($"/api/tasks/{sync}/logs");
        var messages = logs.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetString()).ToList();
        Assert.Contains("Syncing with https://example.test using an API key", messages);

        // Nothing of it went to either node's own disk.
        foreach (var folder in new[] { folderA.Path, folderB.Path })
        {
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
    }

    [Fact]
    public async Task PostgreSqlNode_StartedWithoutADataDirectory_WritesNoKeyRingIntoTheWorkingFolder()
    {
        await using var databases = new PostgreSqlTestDatabases();
        var keys = Path.Combine(Directory.GetCurrentDirectory(), "tasklane-keys");
        var existedBefore = Directory.Exists(keys);
        await using var node = await NodeAsync(databases.NewSchema(), dataDirectory: null, runEngine: false);
        using var admin = await SignInAsync(node);

        var put = await admin.PutAsJsonAsync("/api/workers/demo-sync/settings", new { settings = new { api_key = Secret } });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(existedBefore, Directory.Exists(keys));
        Assert.NotEmpty(await PostgreSqlTestDatabases.QueryAsync($"SELECT name FROM \"{((PostgreSqlTaskStore)node.Services.GetRequiredService<ITaskStore>()).Schema}\".key_ring_elements"));
    }

    [Fact]
    public async Task PostgreSqlNode_ArtifactOverTheDatabaseLimit_FailsTheTaskSayingWhatToChange()
    {
        await using var databases = new PostgreSqlTestDatabases();
        using var folder = new TempDirectory();
        await using var node = await NodeAsync(databases.NewSchema(), folder.Path, runEngine: true, o => o.MaxDatabaseArtifactBytes = 100);
        using var admin = await SignInAsync(node);

        var report = await ApiHost.CreateTaskAsync(admin, new { worker = "demo", action = "report", data = new { rows = 50 } });
        var failed = await ApiHost.WaitForStatusAsync(admin, report, "failed");

        var error = failed.GetProperty("error").GetString();
        Assert.Contains("larger than 100 bytes", error, StringComparison.Ordinal);
        Assert.Contains("ArtifactsPath", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    private static async Task<WebApplication> NodeAsync(string schema, string? dataDirectory, bool runEngine, Action<TasklaneOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddTasklane(t => t
            .UsePostgreSql(PostgreSqlTestDatabases.ConnectionString, schema)
            .AddDemoWorkers()
            .Configure(o =>
            {
                o.DataDirectory = dataDirectory;
                o.RunEngine = runEngine;
                o.PollInterval = TimeSpan.FromMilliseconds(100);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                o.LogArchiveInterval = TimeSpan.FromMilliseconds(200);
                o.ShutdownGrace = TimeSpan.FromSeconds(1);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
                configure?.Invoke(o);
            }));
        builder.Services.AddTasklaneHttp(o => o.AdminPassword = ApiHost.AdminPassword);
        var app = builder.Build();
        app.MapTasklane("/");
        await app.Services.GetRequiredService<ITaskStore>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    private static async Task<HttpClient> SignInAsync(WebApplication node)
    {
        var client = node.GetTestClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = ApiHost.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }
}
