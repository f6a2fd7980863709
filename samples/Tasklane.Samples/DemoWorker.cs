using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Tasklane.Samples;

/// <summary>The demo worker of <c>tasklane serve --demo</c>: one action per engine behaviour worth seeing.</summary>
[Worker("demo", Title = "Demo", Scope = "samples", Description = "Demo actions: echo, sleep, fail, flaky, noop, report, pipeline", Icon = "flask")]
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

    /// <summary>
    /// Creates the steps fetch → (transform-a, transform-b) → publish as subtasks; the step named <c>fail_step</c>
    /// fails on its first attempt only, so retrying it lets its dependents run and the pipeline complete.
    /// </summary>
    [Action("pipeline")]
    public async Task PipelineAsync(TaskContext task, PipelineArgs args, CancellationToken cancellationToken)
    {
        SubtaskSpec Step(string name, params string[] dependsOn) =>
            new(name, "demo", "step", new StepArgs(name, name == args.FailStep)) { DependsOn = dependsOn, MaxAttempts = 1, ObjectType = "pipeline", ObjectId = task.TaskId.ToString(CultureInfo.InvariantCulture) };
        var steps = await task.CreateSubtasksAsync(
            [Step("fetch"), Step("transform-a", "fetch"), Step("transform-b", "fetch"), Step("publish", "transform-a", "transform-b")],
            cancellationToken);
        await task.LogAsync($"Created {steps.Count} steps");
    }

    /// <summary>One pipeline step, run only as a subtask of <c>pipeline</c>: works for a moment; fails on its first attempt when asked to.</summary>
    [Action("step", SubtaskOnly = true)]
    public async Task StepAsync(TaskContext task, StepArgs args, CancellationToken cancellationToken)
    {
        await task.LogAsync($"Step {args.Step} started (attempt {task.Attempt})");
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        if (args.FailFirstAttempt && task.Attempt == 1)
        {
            task.SetResponse(503, $"{args.Step}: upstream unavailable");
            throw new InvalidOperationException($"Step {args.Step} failed on its first attempt");
        }
        task.SetResponse(200, $"{args.Step} done");
        await task.ReportAsync(1, 1, $"{args.Step} done");
    }

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

/// <summary>Data of <c>demo/pipeline</c>: the step that fails on its first attempt, if any.</summary>
public sealed record PipelineArgs([property: RegularExpression("^(fetch|transform-a|transform-b|publish)$")] string? FailStep = null);

/// <summary>Data of <c>demo/step</c>.</summary>
public sealed record StepArgs([property: Required] string Step, bool FailFirstAttempt = false);

/// <summary>Data of <c>demo/report</c>.</summary>
public sealed record ReportArgs([property: Range(0, 1_000_000)] int Rows = 100);
