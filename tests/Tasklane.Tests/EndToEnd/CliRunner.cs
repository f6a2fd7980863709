using System.Diagnostics;

namespace Tasklane.Tests.EndToEnd;

/// <summary>
/// Runs the built <c>tasklane</c> executable as a user would, against one server, with its own config folder
/// (<c>XDG_CONFIG_HOME</c>) so that no real user's config is read or written, and none of the caller's TASKLANE_* variables.
/// </summary>
public sealed class CliRunner(Uri? server, string? token, string configHome)
{
    public string ConfigHome { get; } = configHome;

    public string ConfigPath => Path.Combine(ConfigHome, "tasklane", "config.json");

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null, environment: null);

    /// <summary>Runs the command; <paramref name="onOutputLine"/> sees each line of standard output as it comes.</summary>
    public async Task<CliResult> RunAsync(string[] args, string? stdin, IReadOnlyDictionary<string, string>? environment, Action<string>? onOutputLine = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(ServeProcess.CliPath());
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "TASKLANE_SERVER", "TASKLANE_TOKEN", "TASKLANE_PASSWORD", "TASKLANE_NEW_PASSWORD", "TASKLANE_POSTGRES", "NO_COLOR" })
        {
            info.Environment.Remove(name);
        }
        info.Environment["XDG_CONFIG_HOME"] = ConfigHome;
        info.Environment["COLUMNS"] = "250";
        if (server is not null) info.Environment["TASKLANE_SERVER"] = server.ToString();
        if (token is not null) info.Environment["TASKLANE_TOKEN"] = token;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = new Process { StartInfo = info };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.Append(e.Data).Append('\n');
            onOutputLine?.Invoke(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"tasklane {string.Join(' ', args)} did not end within 90 s: {output} {await stderr}");
        }
        // WaitForExitAsync has also waited for the end of the output read line by line.
        lock (output) return new CliResult(process.ExitCode, output.ToString(), stderr.Result);
    }
}
