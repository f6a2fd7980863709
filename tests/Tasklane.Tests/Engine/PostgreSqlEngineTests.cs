using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tasklane.PostgreSql;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>Several engines (nodes) in one process sharing one PostgreSQL schema: wake-ups and cancels cross nodes at once.</summary>
public sealed class PostgreSqlEngineTests : IAsyncLifetime
{
    private readonly PostgreSqlTestDatabases _databases = new();
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
        await _databases.DisposeAsync();
    }

    [Fact]
    public async Task Create_OnApiOnlyNode_WakesTheWorkingNodeWithoutWaitingForItsPoll()
    {
        var schema = _databases.NewSchema();
        var worker = await StartNodeAsync(schema, o => o.PollInterval = TimeSpan.FromSeconds(30));
        var api = await StartNodeAsync(schema, o => o.RunEngine = false);
        // A first task, woken in-process, proves the worker's dispatcher has run: it now sleeps for its 30 s poll.
        var warmUp = await Client(worker).CreateAsync("test", "record", new NamedArgs("warm-up"));
        await WaitForStatusAsync(api, warmUp.Id, TaskState.Completed, TimeSpan.FromSeconds(10));

        var task = await Client(api).CreateAsync("test", "record", new NamedArgs("pushed"));

        // Well under the 30 s poll: only the NOTIFY from the API node can have woken the worker.
        await WaitForStatusAsync(api, task.Id, TaskState.Completed, TimeSpan.FromSeconds(5));
        Assert.Contains("pushed", worker.Services.GetRequiredService<Journal>().Started);
    }

    [Fact]
    public async Task LostNotification_IsFoundByTheFallbackPoll_NotByEveryPollInterval()
    {
        var schema = _databases.NewSchema();
        // Told of every create by LISTEN, the idle worker looks by itself only every FallbackPollInterval, never every
        // (short) PollInterval.
        var worker = await StartNodeAsync(schema, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(100);
            o.FallbackPollInterval = TimeSpan.FromSeconds(6);
        });
        // The API node's NOTIFYs go to another schema's channel: every notification it sends is lost.
        var api = await StartNodeAsync(schema, o => o.RunEngine = false,
            s => s.AddSingleton<ITaskNotifier>(new PostgreSqlTaskNotifier(PostgreSqlTestDatabases.ConnectionString, _databases.NewSchema())));
        var warmUp = await Client(worker).CreateAsync("test", "record", new NamedArgs("warm-up"));
        await WaitForStatusAsync(api, warmUp.Id, TaskState.Completed, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the first wait after that claim: now in the idle sleep

        var lost = await Client(api).CreateAsync("test", "record", new NamedArgs("lost"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        // A tenth of a second polls would have found it by now; the idle sleep has not ended yet.
        Assert.Equal(TaskState.Pending, (await api.Services.GetRequiredService<ITaskStore>().GetTaskAsync(lost.Id, CancellationToken.None))!.Status);

        // The fallback poll finds it without any notification.
        await WaitForStatusAsync(api, lost.Id, TaskState.Completed, TimeSpan.FromSeconds(15));
        Assert.Contains("lost", worker.Services.GetRequiredService<Journal>().Started);
    }

    [Fact]
    public async Task Cancel_OnAnotherNode_FiresTheHandlersTokenWithoutWaitingForTheHeartbeat()
    {
        var schema = _databases.NewSchema();
        var worker = await StartNodeAsync(schema, o => o.HeartbeatInterval = TimeSpan.FromSeconds(30));
        var api = await StartNodeAsync(schema, o => o.RunEngine = false);
        var task = await Client(api).CreateAsync("test", "hold", new HoldArgs());
        await WaitForStatusAsync(api, task.Id, TaskState.Running, TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => !worker.Services.GetRequiredService<Journal>().Started.IsEmpty);

        var result = await Client(api).CancelAsync(task.Id);

        // Well under the 30 s heartbeat: only the NOTIFY from the API node can have reached the handler.
        Assert.True(result.Task!.CancelRequested);
        await WaitForStatusAsync(api, task.Id, TaskState.Cancelled, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ManyTasks_ThreeNodes_EveryTaskCompletesOnce()
    {
        var schema = _databases.NewSchema();
        var nodes = new List<IHost>();
        for (var i = 0; i < 3; i++) nodes.Add(await StartNodeAsync(schema, _ => { }));
        var client = Client(nodes[0]);
        var ids = new List<long>();
        for (var i = 0; i < 300; i++) ids.Add((await client.CreateAsync("test", "record", new NamedArgs($"t{i}"))).Id);

        var store = nodes[1].Services.GetRequiredService<ITaskStore>();
        await Eventually.TrueAsync(async () => (await store.CountByStatusAsync(null, CancellationToken.None))[TaskState.Completed] == ids.Count,
            TimeSpan.FromSeconds(60), "every task to complete");

        var started = nodes.SelectMany(n => n.Services.GetRequiredService<Journal>().Started).ToList();
        Assert.Equal(ids.Count, started.Count);
        Assert.Equal(ids.Count, started.Distinct().Count());
        foreach (var id in ids.Take(20)) Assert.Equal(1, (await store.GetTaskAsync(id, CancellationToken.None))!.Attempt);
    }

    [Fact]
    public async Task ClaimsJoinedToCompletions_KeepTheBufferBounded_AndStoppingReleasesTheBufferedTask()
    {
        var schema = _databases.NewSchema();
        await using (var setup = _databases.Open(schema))
        {
            await setup.MigrateAsync(CancellationToken.None);
            await setup.SetSettingsAsync(new Dictionary<string, string> { ["task_max_concurrent"] = "1" }, CancellationToken.None);
        }
        var node = await StartNodeAsync(schema, _ => { });
        var store = node.Services.GetRequiredService<ITaskStore>();
        Assert.True(store.JoinsCompleteAndClaim);
        var client = Client(node);
        // A short task first, so that the node claims ahead (one more than its one slot) when its outcome is written.
        var warmUp = await client.CreateAsync("test", "record", new NamedArgs("warm-up"));
        await WaitForStatusAsync(node, warmUp.Id, TaskState.Completed, TimeSpan.FromSeconds(10));
        var held = new List<long>();
        for (var i = 0; i < 4; i++) held.Add((await client.CreateAsync("test", "hold", new HoldArgs($"h{i}"))).Id);

        // One runs, one waits in the buffer (leased, shown running), two stay pending: the buffer holds one round at most.
        await Eventually.TrueAsync(async () => (await store.CountByStatusAsync(null, CancellationToken.None)).GetValueOrDefault(TaskState.Running) == 2,
            TimeSpan.FromSeconds(10), "two tasks held by the node");
        await Task.Delay(300);
        var counts = await store.CountByStatusAsync(null, CancellationToken.None);
        Assert.Equal((2, 2), (counts.GetValueOrDefault(TaskState.Running), counts.GetValueOrDefault(TaskState.Pending)));
        Assert.Single(node.Services.GetRequiredService<Journal>().Started, n => n.StartsWith('h'));

        await node.StopAsync();

        foreach (var id in held)
        {
            var task = await store.GetTaskAsync(id, CancellationToken.None);
            Assert.Equal(TaskState.Pending, task!.Status);
            Assert.Null(task.LeaseOwner);
        }
        var released = 0;
        foreach (var id in held)
        {
            var lines = await store.GetLogsAsync(id, 0, 100, CancellationToken.None);
            if (lines.Any(l => l.Message.StartsWith("Released at node shutdown", StringComparison.Ordinal))) released++;
        }
        Assert.Equal(2, released);
    }

    [Fact]
    public async Task DispatcherClaims_WhileTheCompletersJoinedClaimWaits()
    {
        var schema = _databases.NewSchema();
        await using (var setup = _databases.Open(schema))
        {
            await setup.MigrateAsync(CancellationToken.None);
            await setup.SetSettingsAsync(new Dictionary<string, string> { ["task_max_concurrent"] = "2" }, CancellationToken.None);
        }
        var node = await StartNodeAsync(schema, o => o.HeartbeatInterval = TimeSpan.FromSeconds(30));
        var store = node.Services.GetRequiredService<ITaskStore>();
        var journal = node.Services.GetRequiredService<Journal>();
        var client = Client(node);
        var held = new List<long>();
        for (var i = 0; i < 2; i++) held.Add((await client.CreateAsync("test", "hold", new HoldArgs($"h{i}"))).Id);
        foreach (var id in held)
        {
            await Eventually.TrueAsync(async () => (await store.GetLogsAsync(id, 0, 100, CancellationToken.None)).Any(l => l.Message == "holding"),
                TimeSpan.FromSeconds(10), $"task {id} to log that it holds");
        }
        // Another connection locks both rows: the completer's batch (outcome and joined claim, one round trip) waits on it.
        await using var blocker = new NpgsqlConnection(PostgreSqlTestDatabases.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockRows = new NpgsqlCommand($"SELECT id FROM \"{schema}\".tasks WHERE id = ANY(@ids) FOR UPDATE", blocker, transaction))
        {
            lockRows.Parameters.AddWithValue("ids", held.ToArray());
            await lockRows.ExecuteNonQueryAsync();
        }
        journal.Gate.Release();
        await Eventually.TrueAsync(() => journal.Started.Count == 2 && journal.Running == 1, TimeSpan.FromSeconds(10), "one holder to finish");
        await Task.Delay(200); // its outcome's batch, with the claim of the slot it freed, is now waiting on the lock
        journal.Gate.Release();
        await Eventually.TrueAsync(() => journal.Running == 0, TimeSpan.FromSeconds(10), "the other holder to finish");

        // The second slot freed after the joined claim began: the dispatcher's own claim fills it without waiting for it.
        var next = await client.CreateAsync("test", "record", new NamedArgs("next"));
        await Eventually.TrueAsync(() => journal.Started.Contains("next"), TimeSpan.FromSeconds(5), "the new task to start while the batch waits");

        await transaction.RollbackAsync();
        foreach (var id in held.Append(next.Id)) await WaitForStatusAsync(node, id, TaskState.Completed, TimeSpan.FromSeconds(10));
    }

    private async Task<IHost> StartNodeAsync(string schema, Action<TasklaneOptions> configure, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddTasklane(b => b.UsePostgreSql(PostgreSqlTestDatabases.ConnectionString, schema).AddWorker<TestWorker>())
            .Configure(o =>
            {
                o.ShutdownGrace = TimeSpan.FromSeconds(1);
                o.ReportFlushInterval = TimeSpan.FromMilliseconds(20);
                configure(o);
            });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private static ITaskClient Client(IHost host) => host.Services.GetRequiredService<ITaskClient>();

    private static Task<TaskRow> WaitForStatusAsync(IHost host, long id, TaskState status, TimeSpan timeout) =>
        Eventually.ValueAsync(async () => (await host.Services.GetRequiredService<ITaskStore>().GetTaskAsync(id, CancellationToken.None))!,
            t => t.Status == status, timeout, $"task {id} to be {status}");
}
