using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Tasklane;

/// <summary>
/// The engine's instruments on the <c>Tasklane</c> meter (System.Diagnostics.Metrics), exported by the ASP.NET Core
/// package at <c>/metrics</c> as <c>task_created_total</c>, <c>task_queue_overflow_total</c>,
/// <c>task_queue_length</c> and <c>task_run_duration_seconds</c>.
/// </summary>
/// <remarks>
/// The meter and its instruments are process-wide on purpose (the one static state in Tasklane): listeners such as
/// OpenTelemetry find instruments by meter name across the process, so a meter per engine would, when one engine
/// stops and disposes it, take the metric away from every exporter in the process. Each engine keeps its own queue
/// backlog; the gauge reports the backlogs of the engines alive.
/// </remarks>
public sealed class TasklaneMetrics : IDisposable
{
    /// <summary>The meter's name, for exporters to subscribe to (<see cref="TasklaneDiagnostics.MeterName"/>).</summary>
    public const string MeterName = TasklaneDiagnostics.MeterName;

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> CreatedCounter = Meter.CreateCounter<long>("task.created",
        description: "Tasks created, by worker, action and queue");
    private static readonly Counter<long> OverflowCounter = Meter.CreateCounter<long>("task.queue.overflow",
        description: "Tasks created into a queue whose pending backlog was at or above the overflow threshold");
    private static readonly Histogram<double> DurationHistogram = Meter.CreateHistogram<double>("task.run.duration", unit: "s",
        description: "How long attempts ran, by worker, action, queue and outcome status");
    private static readonly ConcurrentDictionary<TasklaneMetrics, byte> Alive = new();
    private static readonly ObservableGauge<long> QueueLength = Meter.CreateObservableGauge("task.queue.length",
        () => Alive.Keys.SelectMany(m => m.ObserveQueueLengths()), description: "Pending tasks per queue");

    private volatile IReadOnlyDictionary<string, long> _pending = new Dictionary<string, long>();

    /// <summary>Joins the process-wide instruments.</summary>
    public TasklaneMetrics() => Alive[this] = 0;

    /// <summary>The pending backlog at or above which a create counts as an overflow.</summary>
    public long OverflowThreshold { get; set; } = 10_000;

    internal void Created(TaskRow task)
    {
        var tags = Tags(task);
        CreatedCounter.Add(1, tags);
        // Adding 0 makes the overflow series of this worker, action and queue exist before its first overflow.
        OverflowCounter.Add(_pending.GetValueOrDefault(task.Queue) >= OverflowThreshold ? 1 : 0, tags);
    }

    /// <summary>Makes the created and overflow series of a worker action on a queue exist, at 0 until something happens.</summary>
    internal static void Known(string worker, string action, string queue)
    {
        var tags = new System.Diagnostics.TagList { { "worker", worker }, { "action", action }, { "queue", queue } };
        CreatedCounter.Add(0, tags);
        OverflowCounter.Add(0, tags);
    }

    internal void Ran(TaskRow task, TaskState status, TimeSpan duration)
    {
        var tags = Tags(task);
        tags.Add("status", status.ToString().ToLowerInvariant());
        DurationHistogram.Record(duration.TotalSeconds, tags);
    }

    internal void SetPending(IReadOnlyDictionary<string, long> pendingByQueue) => _pending = pendingByQueue;

    /// <summary>Leaves the queue-length gauge.</summary>
    public void Dispose() => Alive.TryRemove(this, out _);

    private IEnumerable<Measurement<long>> ObserveQueueLengths() =>
        _pending.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key)));

    private static System.Diagnostics.TagList Tags(TaskRow task) => new()
    {
        { "worker", task.Worker },
        { "action", task.Action },
        { "queue", task.Queue },
    };
}
