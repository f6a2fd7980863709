using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Tasklane.AspNetCore;
using Tasklane.Samples;

namespace Tasklane.Tests.Engine;

public sealed class WorkerCatalogTests
{
    private static Action<IServiceCollection> WithProtector(string keys) => s =>
        s.AddSingleton<ISecretProtector>(new DataProtectionSecretProtector(DataProtectionProvider.Create(new DirectoryInfo(keys))));

    [Fact]
    public async Task Start_RegistersTheNodesWorkersWithItsNodes()
    {
        await using var engine = await EngineHost.StartAsync();
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();

        var workers = await catalog.ListAsync(CancellationToken.None);

        Assert.Equal(["demo", "demo-sync", "narrow", "test"], workers.Select(w => w.Worker.Identifier));
        var demo = workers.Single(w => w.Worker.Identifier == "demo");
        Assert.Equal(("Demo", "samples"), (demo.Worker.Title, demo.Worker.Scope));
        Assert.Contains("sleep", demo.Worker.Actions);
        Assert.Single(demo.Nodes);
        Assert.False(demo.Orphaned);
        Assert.Equal(0, await catalog.RescanAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CleanOrphaned_WorkerNoNodeHas_IsMarkedThenRemoved()
    {
        await using var engine = await EngineHost.StartAsync();
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();
        await engine.Store.UpsertWorkersAsync([new WorkerRow { Identifier = "legacy", Title = "Legacy", Actions = ["run"] }], false, DateTimeOffset.UtcNow, CancellationToken.None);

        var before = await catalog.ListAsync(CancellationToken.None);
        var deleted = await catalog.CleanOrphanedAsync(CancellationToken.None);

        Assert.True(before.Single(w => w.Worker.Identifier == "legacy").Orphaned);
        Assert.Equal(1, deleted);
        Assert.DoesNotContain(await catalog.ListAsync(CancellationToken.None), w => w.Worker.Identifier == "legacy");
    }

    [Fact]
    public async Task Discover_WorkerClassNotRegistered_IsFoundAndRuns()
    {
        await using var engine = await EngineHost.StartAsync();
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();

        var registered = await catalog.DiscoverAsync(CancellationToken.None);
        var again = await catalog.DiscoverAsync(CancellationToken.None);

        Assert.True(registered >= 1);
        Assert.Equal(0, again);
        var task = await engine.Client.CreateAsync("discoverable", "run", null);
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);
    }

    [Fact]
    public async Task Deactivate_Worker_RefusesNewTasksButFinishesQueuedOnes()
    {
        await using var engine = await EngineHost.StartAsync(start: false);
        await engine.Store.MigrateAsync(CancellationToken.None);
        var queued = await engine.Client.CreateAsync("demo", "echo", new EchoArgs("queued before"));
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();
        await catalog.RegisterLocalAsync(CancellationToken.None);

        Assert.True(await catalog.SetActiveAsync("demo", false, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<TaskCreateException>(() => engine.Client.CreateAsync("demo", "echo", new EchoArgs("new")));
        await engine.Host.StartAsync();

        Assert.Equal(TaskCreateError.InactiveWorker, refused.Error);
        await engine.WaitForStatusAsync(queued.Id, TaskState.Completed);
        Assert.True(await catalog.SetActiveAsync("demo", true, CancellationToken.None));
        await engine.Client.CreateAsync("demo", "echo", new EchoArgs("accepted again"));
        Assert.False(await catalog.SetActiveAsync("nope", true, CancellationToken.None));
    }

    [Fact]
    public async Task Settings_Secret_IsMaskedKeptWhenMaskedAndNeverInClearInTheFile()
    {
        using var keys = new Support.TempDirectory();
        await using var engine = await EngineHost.StartAsync(services: WithProtector(keys.Path));
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();
        const string secret = "sk-live-0123456789-very-secret";

        var saved = await catalog.SetSettingsAsync("demo-sync", new JsonObject { ["endpoint"] = "https://example.test/api", ["api_key"] = secret }, CancellationToken.None);
        var resent = await catalog.SetSettingsAsync("demo-sync", new JsonObject { ["endpoint"] = "https://example.test/v2", ["api_key"] = "********" }, CancellationToken.None);
        var read = await catalog.ReadSettingsAsync<DemoSyncSettings>("demo-sync", CancellationToken.None);

        Assert.Equal("********", (string?)saved!["api_key"]);
        Assert.Equal("********", (string?)resent!["api_key"]);
        Assert.Equal(("https://example.test/v2", secret), (read.Endpoint, read.ApiKey));
        await engine.Host.StopAsync();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(engine.DatabasePath)!, "tasklane.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Settings_NotFittingTheType_NamesTheField()
    {
        using var keys = new Support.TempDirectory();
        await using var engine = await EngineHost.StartAsync(services: WithProtector(keys.Path));
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();

        var wrongType = await Assert.ThrowsAsync<JsonDataException>(() => catalog.SetSettingsAsync("demo-sync", new JsonObject { ["endpoint"] = 5 }, CancellationToken.None));
        var notUrl = await Assert.ThrowsAsync<JsonDataException>(() => catalog.SetSettingsAsync("demo-sync", new JsonObject { ["endpoint"] = "not a url" }, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<JsonDataException>(() => catalog.SetSettingsAsync("demo-sync", new JsonObject { ["colour"] = "red" }, CancellationToken.None));

        Assert.Equal("settings.endpoint", wrongType.Field);
        Assert.Equal("settings.endpoint", notUrl.Field);
        Assert.Contains("colour", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_HandlerReadsItsTypedSettings()
    {
        using var keys = new Support.TempDirectory();
        await using var engine = await EngineHost.StartAsync(services: WithProtector(keys.Path));
        var catalog = engine.Host.Services.GetRequiredService<WorkerCatalog>();
        await catalog.SetSettingsAsync("demo-sync", new JsonObject { ["endpoint"] = "https://example.test/api", ["api_key"] = "k" }, CancellationToken.None);

        var task = await engine.Client.CreateAsync("demo-sync", "sync", null);
        await engine.WaitForStatusAsync(task.Id, TaskState.Completed);

        Assert.Contains("Syncing with https://example.test/api using an API key", await engine.LogMessagesAsync(task.Id));
    }
}

/// <summary>A worker class that no host registers: only Discover finds it.</summary>
[Worker("discoverable", Title = "Discoverable")]
public sealed class DiscoverableWorker : TaskWorker
{
    [Action("run")]
    public Task RunAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
