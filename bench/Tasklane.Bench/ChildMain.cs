using System.Text.Json;

namespace Tasklane.Bench;

/// <summary>
/// The entry of a child process: measures one scenario of one system and writes its figures as one JSON line (an array) to
/// standard output. Anything else goes to standard error. A scenario that throws becomes a failure figure.
/// </summary>
internal static class ChildMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        var child = ChildArgs.Parse(args);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        IReadOnlyList<Figure> figures;
        try
        {
            figures = child.System switch
            {
                _ when child.Scenario == "raw" => await RawLimits.RunAsync(child, stop.Token),
                _ when child.Scenario == "serve" => await ServeScenarios.RunAsync(child, stop.Token),
                _ when child.Scenario == "bulk" => await BulkScenarios.RunAsync(child, stop.Token),
                _ when BenchSystems.IsTasklane(child.System) => await TasklaneScenarios.RunAsync(child, stop.Token),
                _ => await HangfireScenarios.RunAsync(child, stop.Token),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"[{child.System} {child.Scenario}] {ex}");
            figures = [Figure.Failed(child.System, child.Scenario, ex.GetType().Name + ": " + ex.Message)];
        }
        if (child.Scenario != "runner") await Console.Out.WriteLineAsync(JsonSerializer.Serialize(figures, BenchJson.Options));
        return 0;
    }
}
