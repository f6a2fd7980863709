using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tasklane;
using Npgsql;
using Tasklane.PostgreSql;
using Tasklane.Samples;
using Tasklane.Sqlite;

// Tasklane benchmark: created→completed throughput and pickup latency of demo/noop tasks on SQLite (a fresh file)
// or PostgreSQL (a fresh schema, dropped at the end).
// Usage: dotnet run -c Release --project bench/Tasklane.Bench -- [--tasks 5000] [--concurrency 10] [--latency-samples 200]
//        [--postgres "<connection string>"]
var tasks = ReadArg(args, "--tasks", 5000);
var concurrency = ReadArg(args, "--concurrency", 10);
var samples = ReadArg(args, "--latency-samples", 200);
var postgres = Array.IndexOf(args, "--postgres") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : null;
var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];

var folder = Path.Combine(Path.GetTempPath(), "tasklane-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Services.AddTasklane(b =>
    {
        if (postgres is null) b.UseSqlite(Path.Combine(folder, "bench.db"));
        else b.UsePostgreSql(postgres, schema);
        b.AddDemoWorkers();
    }).Configure(o => o.DataDirectory = folder);
    using var host = builder.Build();
    await host.StartAsync();
    var client = host.Services.GetRequiredService<ITaskClient>();
    var store = host.Services.GetRequiredService<ITaskStore>();
    await host.Services.GetRequiredService<ITaskSettingsProvider>().UpdateAsync(new TaskSettings { TaskMaxConcurrent = concurrency });

    var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    Console.WriteLine($"Tasklane bench — store {store.Name}, {Environment.ProcessorCount} cores, task_max_concurrent {concurrency}, load average {load}");

    // 1. Pickup latency: one task at a time on an idle engine, created_at → started_at.
    var latencies = new List<double>();
    for (var i = 0; i < samples; i++)
    {
        var task = await client.CreateAsync("demo", "noop", null);
        var done = await WaitAsync(store, task.Id);
        latencies.Add((done.StartedAt!.Value - done.CreatedAt).TotalMilliseconds);
    }
    latencies.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"pickup latency over {samples} tasks: p50 {Percentile(latencies, 50):0.0} ms, p95 {Percentile(latencies, 95):0.0} ms, p99 {Percentile(latencies, 99):0.0} ms"));

    // 2. Throughput: create N tasks as fast as one producer can, measure until every one has completed.
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < tasks; i++) await client.CreateAsync("demo", "noop", null);
    var created = clock.Elapsed;
    while (true)
    {
        var counts = await store.CountByStatusAsync(null, CancellationToken.None);
        if (counts.GetValueOrDefault(TaskState.Completed) >= tasks + samples) break;
        await Task.Delay(20);
    }
    var total = clock.Elapsed;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"throughput: {tasks} tasks created in {created.TotalSeconds:0.00} s ({tasks / created.TotalSeconds:0} /s), created→completed in {total.TotalSeconds:0.00} s ({tasks / total.TotalSeconds:0} tasks/s)"));
    await host.StopAsync();
}
finally
{
    Directory.Delete(folder, recursive: true);
    if (postgres is not null)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

static async Task<TaskRow> WaitAsync(ITaskStore store, long id)
{
    while (true)
    {
        var task = await store.GetTaskAsync(id, CancellationToken.None);
        if (task is { Status: TaskState.Completed }) return task;
        await Task.Delay(1);
    }
}

static double Percentile(List<double> sorted, int p) =>
    sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

static int ReadArg(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
