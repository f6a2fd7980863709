using System.Diagnostics.Metrics;

namespace Tasklane;

/// <summary>
/// The engine's instruments on the <c>Tasklane</c> meter (System.Diagnostics.Metrics), exported by the ASP.NET Core
/// package at <c>/metrics</c> as <c>task_created_total</c>, <c>task_queue_overflow_total</c>,
/// <c>task_queue_length</c> and <c>task_run_duration_seconds</c>.
/// </summary>
public sealed class TasklaneMetrics : IDisposable
{
    /// <summary>The meter's name, for exporters to subscribe to.</summary>
    public const string MeterName = "Tasklane";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _created;
    private readonly Counter<long> _overflow;
    private readonly Histogram<double> _duration;
    private volatile IReadOnlyDictionary<string, long> _pending = new Dictionary<string, long>();

    /// <summary>Creates the instruments.</summary>
    public TasklaneMetrics()
    {
        _created = _meter.CreateCounter<long>("task.created", description: "Tasks created, by worker, action and queue");
        _overflow = _meter.CreateCounter<long>("task.queue.overflow",
            description: "Tasks created into a queue whose pending backlog was at or above the overflow threshold");
        _duration = _meter.CreateHistogram<double>("task.run.duration", unit: "s",
            description: "How long attempts ran, by worker, action, queue and outcome status");
        _meter.CreateObservableGauge("task.queue.length", ObserveQueueLengths, description: "Pending tasks per queue");
    }

    /// <summary>The pending backlog at or above which a create counts as an overflow.</summary>
    public long OverflowThreshold { get; set; } = 10_000;

    internal void Created(TaskRow task)
    {
        var tags = Tags(task);
        _created.Add(1, tags);
        if (_pending.GetValueOrDefault(task.Queue) >= OverflowThreshold) _overflow.Add(1, tags);
    }

    internal void Ran(TaskRow task, TaskState status, TimeSpan duration)
    {
        var tags = Tags(task);
        tags.Add("status", status.ToString().ToLowerInvariant());
        _duration.Record(duration.TotalSeconds, tags);
    }

    internal void SetPending(IReadOnlyDictionary<string, long> pendingByQueue) => _pending = pendingByQueue;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveQueueLengths() =>
        _pending.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key)));

    private static System.Diagnostics.TagList Tags(TaskRow task) => new()
    {
        { "worker", task.Worker },
        { "action", task.Action },
        { "queue", task.Queue },
    };
}
