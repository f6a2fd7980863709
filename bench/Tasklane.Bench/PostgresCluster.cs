using System.Net;
using System.Net.Sockets;

namespace Tasklane.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster, as <c>scripts/pg-cluster.sh</c> starts one: initdb in a temp folder, a free 127.0.0.1 port,
/// run as the postgres user when root (initdb refuses root), and fsync on, as a real server runs. Stopped and removed on dispose.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string folder;

    private PostgresCluster(string bin, string folder, int port)
    {
        Bin = bin;
        this.folder = folder;
        Port = port;
    }

    /// <summary>The folder of the PostgreSQL binaries (initdb, pg_ctl, pgbench).</summary>
    public string Bin { get; }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>The folder of the PostgreSQL binaries: /usr/lib/postgresql/15/bin, else the newest installed one.</summary>
    public static string? FindBin()
    {
        if (File.Exists("/usr/lib/postgresql/15/bin/initdb")) return "/usr/lib/postgresql/15/bin";
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
    }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL is missing: run scripts/test.sh once (it installs it) or apt-get install postgresql");
        var folder = Directory.CreateTempSubdirectory("tasklane-bench-pg.").FullName;
        var port = FreePort();
        if (IsRoot) await ProcessRunner.RunCheckedAsync("chown", ["postgres", folder], CommandTimeout);
        await AsPostgres(bin, "initdb", ["-D", Path.Combine(folder, "data"), "-U", "postgres", "-A", "trust", "--no-sync"]);
        var settings = $"-h 127.0.0.1 -p {port} -k {folder} -c max_connections=300 -c fsync=on";
        await AsPostgres(bin, "pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", settings, "start"]);
        return new PostgresCluster(bin, folder, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Directory.Exists(folder)) return;
        try
        {
            await AsPostgres(Bin, "pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "stop"]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync("[bench] stopping the PostgreSQL cluster: " + ex.Message);
        }
        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task<string> AsPostgres(string bin, string tool, IReadOnlyList<string> args) => IsRoot
        ? ProcessRunner.RunCheckedAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args], CommandTimeout)
        : ProcessRunner.RunCheckedAsync(Path.Combine(bin, tool), args, CommandTimeout);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
