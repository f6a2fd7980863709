// Bulk create through the library (ITaskClient.CreateManyAsync, batches of 1,000 no-op tasks, engine off) and the CPU
// it costs: this process's utime + stime from /proc/self/stat, and with --server-pid the summed CPU of the PostgreSQL
// server's processes (the postmaster's children). Prints one line per round.
// Usage: dotnet run -c Release -- sqlite|postgres [--pg CONNSTR --server-pid PID] [--tasks N] [--rounds R] [--wait-trace]
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tasklane;
using Tasklane.PostgreSql;
using Tasklane.Sqlite;

var store = args[0];
string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var tasks = int.Parse(Arg("--tasks") ?? "20000", System.Globalization.CultureInfo.InvariantCulture);
var rounds = int.Parse(Arg("--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
var serverPid = Arg("--server-pid") is { } sp ? int.Parse(sp, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
var folder = Directory.CreateTempSubdirectory("tasklane-bulk-cpu-").FullName;
var schema = "bulk_cpu_" + Guid.NewGuid().ToString("N")[..8];

var builder = Host.CreateApplicationBuilder([]);
builder.Logging.ClearProviders();
builder.Services.AddTasklane(b =>
{
    if (store == "postgres") b.UsePostgreSql(Arg("--pg") ?? throw new ArgumentException("--pg CONNSTR"), schema);
    else b.UseSqlite(Path.Combine(folder, "tasklane.db"));
    b.AddWorker<NoopWorker>();
}).Configure(o =>
{
    o.DataDirectory = folder;
    o.RunEngine = false;
});
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<ITaskClient>();
async Task CreateAsync(int count)
{
    for (var done = 0; done < count; done += 1000)
    {
        await client.CreateManyAsync([.. Enumerable.Repeat(new TaskRequest("noop", "noop", null), Math.Min(1000, count - done))]);
    }
}
await CreateAsync(5000); // warm-up: JIT, pools, statements
if (args.Contains("--wait-trace"))
{
    Console.WriteLine($"pid {Environment.ProcessId}: attach the tracer, then press Enter");
    Console.ReadLine();
}
for (var round = 0; round < rounds; round++)
{
    var cpu = SelfCpu();
    var server = serverPid is { } p ? ServerCpu(p) : 0;
    var clock = Stopwatch.StartNew();
    await CreateAsync(tasks);
    var wall = clock.Elapsed.TotalSeconds;
    var client10k = (SelfCpu() - cpu) / tasks * 10_000;
    var server10k = serverPid is { } p2 ? (ServerCpu(p2) - server) / tasks * 10_000 : double.NaN;
    Console.WriteLine(FormattableString.Invariant(
        $"{store} round {round + 1}: {tasks} tasks in {wall:F2} s = {tasks / wall:F0}/s; CPU per 10,000 tasks: client {client10k:F3} s, server {server10k:F3} s"));
}
await host.StopAsync();
Directory.Delete(folder, recursive: true);

// utime + stime in seconds of /proc/PID/stat (fields 14 and 15, after the command name in parentheses).
static double Cpu(string statPath)
{
    try
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (IOException)
    {
        return 0; // the process ended in between
    }
}

static double SelfCpu() => Cpu("/proc/self/stat");

// The server's CPU: the postmaster and every process whose parent it is (backends, walwriter, checkpointer...).
// A backend that exits in between takes its CPU with it; the store's pooled connections stay open.
static double ServerCpu(int postmaster)
{
    var total = Cpu($"/proc/{postmaster}/stat");
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[1] == postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)) total += Cpu(Path.Combine(dir, "stat"));
        }
        catch (IOException)
        {
        }
    }
    return total;
}

/// <summary>A worker with one no-op action that takes no data, as the bench's.</summary>
[Worker("noop")]
internal sealed class NoopWorker : TaskWorker
{
    /// <summary>Returns at once.</summary>
    [Action("noop")]
    public Task NoopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
