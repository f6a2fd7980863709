using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Tasklane;

/// <summary>
/// Schedules: the ones declared in code are stored on start; due ticks fire as one insert made unique
/// on (schedule, tick), so several nodes or a restart never fire a tick twice; after downtime a
/// schedule fires once for the missed ticks, then goes on from now.
/// </summary>
public sealed partial class ScheduleService
{
    private const int MaxTriggerAttempts = 1000;
    private readonly ITaskStore _store;
    private readonly TaskClient _client;
    private readonly TaskSignal _signal;
    private readonly IEnumerable<ScheduleDefinition> _definitions;
    private readonly TimeProvider _time;
    private readonly TasklaneMetrics _metrics;
    private readonly ILogger<ScheduleService> _logger;

    internal ScheduleService(ITaskStore store, ITaskClient client, TaskSignal signal, IEnumerable<ScheduleDefinition> definitions,
        TimeProvider time, TasklaneMetrics metrics, ILogger<ScheduleService> logger)
    {
        _metrics = metrics;
        _store = store;
        _client = (TaskClient)client;
        _signal = signal;
        _definitions = definitions;
        _time = time;
        _logger = logger;
        Changed = new TaskSignal(time);
    }

    /// <summary>Woken when a schedule changes through this node: the scheduler loop reads the schedules again at once.</summary>
    internal TaskSignal Changed { get; }

    /// <summary>Reads a spec from JSON (snake_case); throws <see cref="JsonDataException"/> naming the field and the reason.</summary>
    public static ScheduleSpec ParseSpec(string json, string root = "schedule")
    {
        var spec = (ScheduleSpec)JsonData.Read(json, typeof(ScheduleSpec), root);
        if (spec.Validate() is { } error) throw new JsonDataException($"{root}.{error.Field}", $"{root}.{error.Field}: {error.Reason}");
        return spec;
    }

    /// <summary>A spec as stored JSON.</summary>
    public static string Serialize(ScheduleSpec spec) => JsonSerializer.Serialize(spec, TasklaneJson.Options);

    /// <summary>Stores the schedules declared in code that the store does not have yet.</summary>
    public async Task EnsureDefinedAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var definition in _definitions)
        {
            await _store.EnsureScheduleAsync(new ScheduleRow
            {
                Id = definition.Id,
                Name = definition.Name,
                Worker = definition.Worker,
                Action = definition.Action,
                Spec = Serialize(definition.Spec),
                Enabled = definition.Enabled,
                NextRunAt = definition.Enabled ? definition.Spec.NextAfter(now) : null,
                UpdatedAt = now,
            }, cancellationToken);
        }
    }

    /// <summary>Every schedule with its spec in words.</summary>
    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _store.ListSchedulesAsync(cancellationToken)).Select(View)];

    /// <summary>One schedule, or null.</summary>
    public async Task<ScheduleView?> GetAsync(string id, CancellationToken cancellationToken) =>
        await _store.GetScheduleAsync(id, cancellationToken) is { } row ? View(row) : null;

    /// <summary>Enables a disabled schedule or disables an enabled one; null when missing.</summary>
    public async Task<ScheduleView?> ToggleAsync(string id, CancellationToken cancellationToken)
    {
        if (await _store.GetScheduleAsync(id, cancellationToken) is not { } row) return null;
        return await SetAsync(row, ReadSpec(row), !row.Enabled, cancellationToken);
    }

    /// <summary>Changes a schedule's spec and enabled state (the next tick is computed afresh); null when missing.</summary>
    public async Task<ScheduleView?> UpdateAsync(string id, ScheduleSpec spec, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (await _store.GetScheduleAsync(id, cancellationToken) is not { } row) return null;
        return await SetAsync(row, spec, enabled, cancellationToken);
    }

    /// <summary>Creates or changes a worker's own schedule (id = the worker identifier).</summary>
    public async Task<ScheduleView> SetWorkerScheduleAsync(WorkerDescriptor worker, string action, ScheduleSpec spec, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        if (!worker.Actions.TryGetValue(action, out var descriptor)) throw new JsonDataException("schedule.action", $"worker '{worker.Identifier}' has no action '{action}'");
        if (descriptor.SubtaskOnly) throw new JsonDataException("schedule.action", $"action '{worker.Identifier}/{action}' only runs as a subtask and cannot be scheduled");
        var now = _time.GetUtcNow();
        var row = await _store.EnsureScheduleAsync(new ScheduleRow
        {
            Id = worker.Identifier, Name = worker.Title, Worker = worker.Identifier, Action = action,
            Spec = Serialize(spec), Enabled = false, UpdatedAt = now,
        }, cancellationToken);
        return await SetAsync(row, spec, enabled, cancellationToken);
    }

    /// <summary>
    /// Runs a schedule once now (its next tick is kept) → the task; null when missing. Every trigger creates its own
    /// task, like "run now" in Hangfire or Sidekiq: a firing is unique on (schedule, moment), so a trigger whose
    /// millisecond is already taken (another trigger, or the schedule's pending tick) fires at the next free one.
    /// </summary>
    public async Task<TaskRow?> TriggerAsync(string id, TaskCreator? creator, CancellationToken cancellationToken)
    {
        if (await _store.GetScheduleAsync(id, cancellationToken) is not { } row) return null;
        var now = _time.GetUtcNow();
        var moment = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        for (var attempt = 0; attempt < MaxTriggerAttempts; attempt++, moment = moment.AddMilliseconds(1))
        {
            // The pending tick belongs to the scheduler: taking it would make the scheduler's firing of it a no-op.
            if (moment == row.NextRunAt) continue;
            if (await FireAsync(row, moment, null, keepNext: true, creator, cancellationToken) is { } task) return task;
        }
        throw new TaskCreateException(TaskCreateError.Conflict, null,
            $"Schedule '{id}' was triggered more than {MaxTriggerAttempts} times within {MaxTriggerAttempts} ms; try again.");
    }

    /// <summary>Fires every due tick once. Returns how many tasks this node created.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken) => (await FireDueAsync(TimeSpan.Zero, cancellationToken)).Fired;

    /// <summary>
    /// Fires every due tick once, in the same read learning the earliest tick due within <paramref name="lookAhead"/>
    /// (null when none is): when the scheduler loop wakes next.
    /// </summary>
    internal async Task<(int Fired, DateTimeOffset? Next)> FireDueAsync(TimeSpan lookAhead, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fired = 0;
        DateTimeOffset? earliest = null;
        void Upcoming(DateTimeOffset? tick)
        {
            if (tick is { } t && (earliest is null || t < earliest)) earliest = t;
        }
        foreach (var row in await _store.DueSchedulesAsync(now + lookAhead, cancellationToken))
        {
            var tick = row.NextRunAt!.Value;
            if (tick > now)
            {
                Upcoming(tick);
                continue;
            }
            var spec = ReadSpec(row);
            var next = spec.NextAfter(now);
            Upcoming(next);
            try
            {
                if (await FireAsync(row, tick, next, keepNext: false, null, cancellationToken) is { } task)
                {
                    fired++;
                    LogFired(row.Id, tick, task.Id);
                }
            }
            catch (TaskCreateException ex)
            {
                // The schedule points at something that no longer takes tasks: skip this tick, keep the schedule.
                LogCannotFire(ex, row.Id);
                await _store.UpdateScheduleAsync(new UpdateScheduleParams { Id = row.Id, NextRunAt = next, Now = now }, cancellationToken);
            }
        }
        if (fired > 0) _signal.Wake();
        return (fired, earliest);
    }

    private async Task<TaskRow?> FireAsync(ScheduleRow row, DateTimeOffset tick, DateTimeOffset? next, bool keepNext, TaskCreator? creator, CancellationToken cancellationToken)
    {
        var data = _definitions.FirstOrDefault(d => d.Id == row.Id)?.Payload is { } payload
            ? TaskClient.ToJson(payload())
            : row.Data;
        var task = await _client.PrepareAsync(row.Worker, row.Action, data, new TaskOptions
        {
            Category = TaskCategory.System, ScheduleId = row.Id, CreatedBy = creator,
        }, cancellationToken);
        var created = await _store.FireScheduleAsync(new FireScheduleParams
        {
            ScheduleId = row.Id, FireAt = tick, NextRunAt = next, KeepNextRunAt = keepNext, Task = task,
        }, cancellationToken);
        if (created is not null) _metrics.Created(created);
        if (created is not null && keepNext) _signal.Wake();
        return created;
    }

    private async Task<ScheduleView> SetAsync(ScheduleRow row, ScheduleSpec spec, bool enabled, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var updated = await _store.UpdateScheduleAsync(new UpdateScheduleParams
        {
            Id = row.Id, Enabled = enabled, Spec = Serialize(spec), NextRunAt = enabled ? spec.NextAfter(now) : null, Now = now,
        }, cancellationToken);
        Changed.Wake();
        return View(updated ?? row);
    }

    private static ScheduleSpec ReadSpec(ScheduleRow row)
    {
        try { return JsonSerializer.Deserialize<ScheduleSpec>(row.Spec, TasklaneJson.Options) ?? new ScheduleSpec(); }
        catch (JsonException) { return new ScheduleSpec(); }
    }

    private static ScheduleView View(ScheduleRow row)
    {
        var spec = ReadSpec(row);
        return new ScheduleView(row, spec, spec.Describe());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {ScheduleId} fired its tick {Tick:O} as task {TaskId}")]
    private partial void LogFired(string scheduleId, DateTimeOffset tick, long taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {ScheduleId} cannot fire; skipping this tick")]
    private partial void LogCannotFire(Exception ex, string scheduleId);
}
