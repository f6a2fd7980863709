using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tasklane.Bench;

/// <summary>Runs one child process of the bench and reads its figures back (its last standard-output line, a JSON array).</summary>
internal static class ChildLauncher
{
    /// <summary>The child's figures; a child that times out, crashes or answers nonsense gives one failure figure instead.</summary>
    public static async Task<IReadOnlyList<Figure>> RunAsync(ChildArgs child, TimeSpan timeout)
    {
        var info = SelfProcess.StartInfo(child.ToArgs());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a child process");
        var stdout = new List<string>();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.Add(e.Data); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.StartsWith('[')) Console.Error.WriteLine("  " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return [Figure.Failed(child.System, child.Scenario, $"timed out after {timeout.TotalSeconds:0} s")];
        }
        string? last;
        lock (stdout) last = stdout.LastOrDefault(l => l.StartsWith('['));
        try
        {
            if (last is not null && JsonSerializer.Deserialize<List<Figure>>(last, BenchJson.Options) is { } figures) return figures;
        }
        catch (JsonException) { }
        string tail;
        lock (stderr) tail = stderr.ToString().Trim();
        if (tail.Length > 500) tail = tail[^500..];
        return [Figure.Failed(child.System, child.Scenario, $"exit code {process.ExitCode}, no figures: {tail}")];
    }
}
