using System.Globalization;

namespace Tasklane.Samples.WebApp;

/// <summary>The export the app's page starts: <c>steps</c> parts, a progress report after each.</summary>
[Worker("export", Title = "Export", Description = "Exports in parts, slowly, to show progress")]
public sealed class ExportWorker : TaskWorker
{
    /// <summary>Exports the rows, reporting progress every step.</summary>
    [Action("run")]
    public async Task RunAsync(TaskContext task, ExportArgs args, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(args.MillisecondsPerStep);
        await task.ReportAsync(0, args.Steps, "Starting the export");
        for (var step = 1; step <= args.Steps; step++)
        {
            await Task.Delay(pause, cancellationToken);
            await task.ReportAsync(step, args.Steps, string.Create(CultureInfo.InvariantCulture, $"Exported part {step} of {args.Steps}"));
        }
        await task.LogAsync("Export finished");
    }
}

/// <summary>The export's arguments.</summary>
/// <param name="Steps">How many parts to export.</param>
/// <param name="MillisecondsPerStep">How long each part takes.</param>
public sealed record ExportArgs(
    [property: System.ComponentModel.DataAnnotations.Range(1, 1000)] int Steps = 20,
    [property: System.ComponentModel.DataAnnotations.Range(0, 60_000)] int MillisecondsPerStep = 500);
