using System.Diagnostics;

namespace Tasklane.Bench;

/// <summary>A wait that gives up: every loop of the harness that waits for a peer checks one of these.</summary>
internal sealed class Deadline(TimeSpan limit)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>How long the wait may last.</summary>
    public TimeSpan Limit { get; } = limit;

    /// <summary>Whether the time is up.</summary>
    public bool Passed => clock.Elapsed >= Limit;

    /// <summary>Throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when the time is up.</summary>
    public void ThrowIfPassed(string what)
    {
        if (Passed) throw new TimeoutException($"{what}: gave up after {Limit.TotalSeconds:0} s");
    }
}
