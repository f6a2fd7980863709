using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>The real <c>tasklane serve</c> executable in a child process, on a free loopback port.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    public const string AdminPassword = "e2e-admin-password";
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The server process's id (as <c>/api/nodes</c> reports it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    public HttpClient Http { get; }

    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static Task<ServeProcess> StartAsync(string databasePath, params string[] extraArgs) =>
        StartCoreAsync(databasePath, ["--admin-password", AdminPassword, .. extraArgs]);

    /// <summary>Starts with no admin password given anywhere, so a first start makes a random one.</summary>
    public static Task<ServeProcess> StartWithoutPasswordAsync(string databasePath) => StartCoreAsync(databasePath, []);

    private static async Task<ServeProcess> StartCoreAsync(string databasePath, string[] extraArgs)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[CliPath(), "serve", "--demo", "--db", databasePath, "--urls", $"http://127.0.0.1:{port}", .. extraArgs])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment.Remove("TASKLANE_ADMIN_PASSWORD");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start tasklane");
        var serve = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve._output) serve._output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) Assert.Fail("tasklane serve exited: " + serve.Output);
            try { return (await serve.Http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60), "tasklane serve to answer /healthz");
        return serve;
    }

    public async Task SignInAsync(string password = AdminPassword)
    {
        var response = await Http.PostAsJsonAsync("api/auth/login", new { username = "admin", password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)body!["token"]!);
    }

    public async Task<JsonObject> GetTaskAsync(long id) =>
        (await Http.GetFromJsonAsync<JsonObject>($"api/tasks/{id}"))!;

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Http.Dispose();
    }

    /// <summary>The built <c>Tasklane.Cli.dll</c> of the same configuration as these tests.</summary>
    public static string CliPath()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tasklane.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var path = Path.Combine(dir.FullName, "src", "Tasklane.Cli", "bin", configuration, "net10.0", "Tasklane.Cli.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
