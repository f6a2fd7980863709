using System.Diagnostics;

namespace Tasklane.Bench;

/// <summary>Runs an enqueue loop on several concurrent callers within a time box, counting what they did.</summary>
internal static class Callers
{
    /// <summary>
    /// <paramref name="callers"/> loops share <paramref name="total"/> units of <paramref name="unit"/> tasks each; each loop stops early when the
    /// time box is over (the work gets a token cancelled then, and returns how many tasks it did). Returns the tasks done and the time taken.
    /// </summary>
    public static async Task<(long Tasks, TimeSpan Elapsed)> RunAsync(
        int callers, int total, int unit, TimeSpan timeBox, Func<int, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        long done = 0;
        var next = 0;
        var deadline = new Deadline(timeBox);
        using var box = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        box.CancelAfter(timeBox);
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (!deadline.Passed)
            {
                var start = Interlocked.Add(ref next, unit) - unit;
                if (start >= total) return;
                var count = Math.Min(unit, total - start);
                Interlocked.Add(ref done, await work(count, box.Token));
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(loops);
        return (Interlocked.Read(ref done), clock.Elapsed);
    }
}
