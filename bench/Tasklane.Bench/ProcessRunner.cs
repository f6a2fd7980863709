using System.Diagnostics;
using System.Text;

namespace Tasklane.Bench;

/// <summary>Runs an external program to its end, with a timeout, capturing its output.</summary>
internal static class ProcessRunner
{
    /// <summary>The exit code and the output; on timeout the process tree is killed and a <see cref="TimeoutException"/> thrown.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', info.ArgumentList)}: no end after {timeout.TotalSeconds:0} s");
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Like <see cref="RunAsync"/>, and throws with the output when the exit code is not 0.</summary>
    public static async Task<string> RunCheckedAsync(
        string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (code, output) = await RunAsync(file, args, timeout, environment);
        if (code != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {code}: {output.Trim()}");
        return output;
    }
}
