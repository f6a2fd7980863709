using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Tasklane.Samples;

/// <summary>The demo worker of <c>tasklane serve --demo</c>: one action per engine behaviour worth seeing.</summary>
[Worker("demo", Title = "Demo", Scope = "samples", Description = "Demo actions: echo, sleep, fail, flaky, noop, report", Icon = "flask")]
public sealed class DemoWorker : TaskWorker
{
    /// <summary>Logs the message once and completes.</summary>
    [Action("echo")]
    public async Task EchoAsync(TaskContext task, EchoArgs args, CancellationToken cancellationToken)
    {
        await task.LogAsync(args.Message);
        await task.ReportAsync(1, 1, args.Message);
    }

    /// <summary>Works through <c>steps</c> steps over <c>seconds</c>, reporting progress and ETA and logging each step.</summary>
    [Action("sleep")]
    public async Task SleepAsync(TaskContext task, SleepArgs args, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromSeconds(args.Seconds / args.Steps);
        await task.ReportAsync(0, args.Steps, "Starting");
        for (var step = 1; step <= args.Steps; step++)
        {
            await Task.Delay(pause, cancellationToken);
            await task.ReportAsync(step, args.Steps, $"Step {step} of {args.Steps}");
            await task.LogAsync(string.Create(CultureInfo.InvariantCulture, $"Step {step} of {args.Steps} done"));
        }
    }

    /// <summary>Throws with the given message.</summary>
    [Action("fail", MaxAttempts = 1)]
    public Task FailAsync(TaskContext task, FailArgs args, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(args.Message);

    /// <summary>Fails on its first <c>failures</c> attempts, then completes.</summary>
    [Action("flaky")]
    public async Task FlakyAsync(TaskContext task, FlakyArgs args, CancellationToken cancellationToken)
    {
        if (task.Attempt <= args.Failures)
        {
            throw new InvalidOperationException($"Flaky failure {task.Attempt} of {args.Failures}");
        }
        await task.LogAsync($"Succeeded on attempt {task.Attempt}");
    }

    /// <summary>Returns at once, for throughput runs.</summary>
    [Action("noop")]
    public Task NoopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes a CSV of <c>rows</c> rows as the task's artifact.</summary>
    [Action("report")]
    public async Task ReportAsync(TaskContext task, ReportArgs args, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("row,value\n");
        for (var row = 1; row <= args.Rows; row++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{row},{row * row}\n");
            if (row % 1000 == 0) await task.ReportAsync(row, args.Rows);
        }
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var artifact = await task.SaveArtifactAsync("report.csv", content, cancellationToken);
        task.Logger.LogInformation("Wrote {Rows} rows ({Size} bytes)", args.Rows, artifact.Size);
        await task.ReportAsync(args.Rows, args.Rows, "Report ready");
    }
}

/// <summary>Data of <c>demo/echo</c>.</summary>
public sealed record EchoArgs([property: Required, StringLength(10_000)] string Message);

/// <summary>Data of <c>demo/sleep</c>.</summary>
public sealed record SleepArgs([property: Range(0, 86_400)] double Seconds = 5, [property: Range(1, 100_000)] int Steps = 10);

/// <summary>Data of <c>demo/fail</c>.</summary>
public sealed record FailArgs(string Message = "Demo failure");

/// <summary>Data of <c>demo/flaky</c>.</summary>
public sealed record FlakyArgs([property: Range(0, 100)] int Failures = 1);

/// <summary>Data of <c>demo/report</c>.</summary>
public sealed record ReportArgs([property: Range(0, 1_000_000)] int Rows = 100);
