using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tasklane.Samples;
using Tasklane.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>One engine (node) on a real SQLite file, with the demo and test workers.</summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private EngineHost(IHost host, TempDirectory? ownedDirectory, string databasePath)
    {
        Host = host;
        _ownedDirectory = ownedDirectory;
        DatabasePath = databasePath;
    }

    public IHost Host { get; }

    public string DatabasePath { get; }

    public ITaskClient Client => Host.Services.GetRequiredService<ITaskClient>();

    public ITaskStore Store => Host.Services.GetRequiredService<ITaskStore>();

    public Journal Journal => Host.Services.GetRequiredService<Journal>();

    public static async Task<EngineHost> StartAsync(Action<TasklaneOptions>? configure = null, string? databasePath = null,
        Action<IServiceCollection>? services = null, bool start = true)
    {
        var directory = databasePath is null ? new TempDirectory() : null;
        var path = databasePath ?? directory!.DatabasePath;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddTasklane(b => b.UseSqlite(path).AddDemoWorkers().AddWorker<TestWorker>().AddWorker<NarrowWorker>())
            .Configure(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
                o.ShutdownGrace = TimeSpan.FromSeconds(2);
                o.RescueInterval = TimeSpan.FromMilliseconds(200);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                o.ReportFlushInterval = TimeSpan.FromMilliseconds(20);
                configure?.Invoke(o);
            });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var engine = new EngineHost(host, directory, path);
        if (start) await host.StartAsync();
        return engine;
    }

    public Task<TaskRow> WaitForStatusAsync(long id, TaskState status, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(async () => (await Store.GetTaskAsync(id, CancellationToken.None))!, t => t.Status == status, timeout,
            $"task {id} to become {status}");

    public async Task<IReadOnlyList<string>> LogMessagesAsync(long id) =>
        [.. (await Store.GetLogsAsync(id, 0, 1000, CancellationToken.None)).Select(l => l.Message)];

    public async ValueTask DisposeAsync()
    {
        try { await Host.StopAsync(); }
        catch (OperationCanceledException) { }
        Host.Dispose();
        _ownedDirectory?.Dispose();
    }
}
