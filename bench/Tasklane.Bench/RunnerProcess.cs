using System.Diagnostics;

namespace Tasklane.Bench;

/// <summary>
/// The second process of the cross-process pickup: a child that runs an engine on the same database until its standard input
/// closes. It prints <c>ready</c> once its engine is started.
/// </summary>
internal sealed class RunnerProcess : IAsyncDisposable
{
    private const string Ready = "ready";
    private readonly Process process;

    private RunnerProcess(Process process) => this.process = process;

    public static async Task<RunnerProcess> StartAsync(ChildArgs runner, CancellationToken cancellationToken)
    {
        var process = Process.Start(SelfProcess.StartInfo(runner.ToArgs())) ?? throw new InvalidOperationException("could not start the runner");
        var result = new RunnerProcess(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[runner] " + e.Data); };
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == Ready) return result;
            }
            throw new InvalidOperationException($"the runner exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }
    }

    /// <summary>In the runner: says ready, then waits for standard input to close (at most 15 minutes).</summary>
    public static async Task ServeUntilStdinClosesAsync(CancellationToken cancellationToken)
    {
        await Console.Out.WriteLineAsync(Ready);
        await Console.Out.FlushAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(15));
        try
        {
            while (await Console.In.ReadLineAsync(timeout.Token) is not null) { }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try { process.StandardInput.Close(); } catch (IOException) { }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        process.Dispose();
    }
}
