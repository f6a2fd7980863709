using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// A PostgreSQL cluster of one test's own (initdb in a temp folder, a free loopback port), so that the test may stop
/// and start it without disturbing the shared test server. Uses the binaries scripts/test.sh found.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Timeout=5";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("TASKLANE_TEST_PG_BIN") is { Length: > 0 } b
            ? b
            : Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb"))) : null;
        Assert.True(bin is not null, "PostgreSQL binaries are missing: run the tests through scripts/test.sh, which installs them");
        var folder = Directory.CreateTempSubdirectory("tasklane-pg-").FullName;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var cluster = new ThrowawayPostgres(bin!, folder, port);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres", folder);
        await cluster.PgAsync("initdb", "-D", Path.Combine(folder, "data"), "-U", "postgres", "-A", "trust", "--no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() =>
        PgAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-h 127.0.0.1 -p {_port} -k {_folder} -c fsync=off", "start");

    public Task StopServerAsync() => PgAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try { await PgAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop"); }
        catch (InvalidOperationException) { }
        Directory.Delete(_folder, recursive: true);
    }

    private Task PgAsync(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await error}");
    }
}
