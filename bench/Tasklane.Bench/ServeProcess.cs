using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Tasklane.Bench;

/// <summary>
/// A <c>tasklane serve</c> child process (the Release build of src/Tasklane.Cli, built with the bench) on a given store,
/// with its resident memory read from /proc.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string AdminPassword = "bench-admin-password";
    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private ServeProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>How long this serve process has run.</summary>
    public TimeSpan Uptime => DateTime.Now - process.StartTime;

    /// <summary>Starts serve on SQLite (<paramref name="sqlitePath"/>) or on PostgreSQL (<paramref name="postgres"/> and schema) and waits until /healthz answers.</summary>
    public static async Task<ServeProcess> StartAsync(string folder, string? sqlitePath, string? postgres, string? schema, CancellationToken cancellationToken)
    {
        var cli = typeof(ServeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TasklaneCli").Value!;
        if (!File.Exists(cli)) throw new FileNotFoundException("tasklane serve is not built (dotnet build -c Release src/Tasklane.Cli)", cli);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        info.ArgumentList.Add(Path.GetFullPath(cli));
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        info.ArgumentList.Add("--admin-password");
        info.ArgumentList.Add(AdminPassword);
        if (postgres is null)
        {
            info.ArgumentList.Add("--db");
            info.ArgumentList.Add(sqlitePath!);
        }
        else
        {
            info.ArgumentList.Add("--postgres");
            info.ArgumentList.Add(postgres);
            info.ArgumentList.Add("--postgres-schema");
            info.ArgumentList.Add(schema!);
        }
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var serve = new ServeProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start tasklane serve"), address);
        serve.process.OutputDataReceived += (_, e) => serve.Keep(e.Data);
        serve.process.ErrorDataReceived += (_, e) => serve.Keep(e.Data);
        serve.process.BeginOutputReadLine();
        serve.process.BeginErrorReadLine();
        try
        {
            await serve.WaitHealthyAsync(cancellationToken);
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    /// <summary>The resident set size now and its peak (VmRSS, VmHWM), in MB.</summary>
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        double Read(string key) => double.Parse(status.Single(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Math.Round(Read("VmRSS:"), 1), Math.Round(Read("VmHWM:"), 1));
    }

    /// <summary>
    /// CPU time (user + system) serve has used so far, from /proc/PID/stat: fields 14 and 15, in clock ticks of 1/100 s
    /// (USER_HZ is 100 on Linux).
    /// </summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>What serve printed last (for failure messages).</summary>
    public string LastOutput()
    {
        lock (lastLines) return string.Join(" | ", lastLines);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            while (lastLines.Count > 10) lastLines.Dequeue();
        }
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = new Deadline(TimeSpan.FromSeconds(120));
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"tasklane serve exited with {process.ExitCode}: {LastOutput()}");
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            deadline.ThrowIfPassed("tasklane serve start");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Stops serve gracefully (SIGTERM), killing it if it does not end within 30 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try { await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)); }
            catch (TimeoutException) { }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
