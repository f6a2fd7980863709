using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Tasklane.Tests.Runner;

/// <summary>What the report-card worker's constructor takes: the host's service, given to the runner.</summary>
public sealed class Signature(string text)
{
    public string Text { get; } = text;
}

public sealed record CardsArgs([property: Required] string School, [property: Range(1, 100)] int Pupils);

/// <summary>A worker for the runner's tests: reports, logs, saves an artifact, fails, fails once, or waits.</summary>
[Worker("report-card", MaxAttempts = 3)]
public sealed class ReportCardWorker(Signature signature) : TaskWorker
{
    [Action("print")]
    public async Task PrintAsync(TaskContext task, CardsArgs args, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("pupil,school\n");
        for (var i = 1; i <= args.Pupils; i++)
        {
            csv.Append(i).Append(',').Append(args.School).Append('\n');
            await task.ReportAsync(processed: i, total: args.Pupils, message: $"Card {i}");
        }
        await task.LogAsync($"Printed {args.Pupils} cards for {args.School}, signed {signature.Text}");
        await task.SaveArtifactAsync("cards.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), cancellationToken);
    }

    [Action("jam")]
    public async Task JamAsync(TaskContext task, CardsArgs args, CancellationToken cancellationToken)
    {
        await task.ReportAsync(processed: 1, total: args.Pupils, message: "Card 1");
        throw new InvalidOperationException("The printer jammed");
    }

    [Action("flaky")]
    public async Task FlakyAsync(TaskContext task, CancellationToken cancellationToken)
    {
        await task.LogAsync($"Attempt {task.Attempt}");
        if (task.Attempt == 1) throw new IOException("The printer is warming up");
    }

    [Action("wait")]
    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
}
