using System.Reflection;
using System.Text.Json.Nodes;

namespace Tasklane;

/// <summary>
/// The worker registry kept in the store: discover, rescan, clean orphaned, activate, and the
/// workers' settings. Every node registers its own workers when it starts.
/// </summary>
public sealed class WorkerCatalog
{
    private static readonly TimeSpan ActiveCacheFor = TimeSpan.FromSeconds(5);
    private readonly ITaskStore _store;
    private readonly WorkerRegistry _registry;
    private readonly WorkerSettingsCodec _codec;
    private readonly TimeProvider _time;
    private volatile IReadOnlyDictionary<string, bool>? _active;
    private DateTimeOffset _activeAt;

    internal WorkerCatalog(ITaskStore store, WorkerRegistry registry, WorkerSettingsCodec codec, TimeProvider time)
    {
        _store = store;
        _registry = registry;
        _codec = codec;
        _time = time;
    }

    /// <summary>After this long without a heartbeat a node counts as gone.</summary>
    public static TimeSpan NodeAliveFor { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Registers this process's workers that the store does not know yet. Returns how many.</summary>
    public async Task<int> RegisterLocalAsync(CancellationToken cancellationToken)
    {
        var count = await _store.UpsertWorkersAsync([.. _registry.Workers.Select(Row)], updateExisting: false, _time.GetUtcNow(), cancellationToken);
        Invalidate();
        return count;
    }

    /// <summary>Finds worker classes in the loaded assemblies, adds the new ones to this node and to the store → registered count.</summary>
    public async Task<int> DiscoverAsync(CancellationToken cancellationToken)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic))
        {
            foreach (var type in LoadableTypes(assembly))
            {
                if (!type.IsAbstract && typeof(TaskWorker).IsAssignableFrom(type) && type.GetCustomAttribute<WorkerAttribute>() is not null)
                {
                    _registry.TryAdd(type);
                }
            }
        }
        return await RegisterLocalAsync(cancellationToken);
    }

    /// <summary>Refreshes the stored metadata of the workers this node has → updated count.</summary>
    public Task<int> RescanAsync(CancellationToken cancellationToken) =>
        _store.UpsertWorkersAsync([.. _registry.Workers.Select(Row)], updateExisting: true, _time.GetUtcNow(), cancellationToken);

    /// <summary>Every stored worker with the alive nodes that can run it and its orphaned flag.</summary>
    public async Task<IReadOnlyList<WorkerInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var workers = await _store.ListWorkersAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var alive = (await _store.ListNodesAsync(cancellationToken)).Where(n => now - n.LastHeartbeat < NodeAliveFor).ToList();
        return [.. workers.Select(w =>
        {
            var nodes = alive.Where(n => n.Workers.Contains(w.Identifier)).Select(n => n.Id).ToList();
            var local = _registry.Find(w.Identifier);
            if (local is not null && w.Actions.Any(a => local.Actions.GetValueOrDefault(a)?.SubtaskOnly == true))
            {
                // A row stored before the action was marked subtask-only still lists it until the next rescan.
                w = w with { Actions = [.. w.Actions.Where(a => local.Actions.GetValueOrDefault(a)?.SubtaskOnly != true)] };
            }
            return new WorkerInfo(w, nodes, Orphaned: nodes.Count == 0 && local is null);
        })];
    }

    /// <summary>Removes the orphaned workers → deleted count.</summary>
    public async Task<int> CleanOrphanedAsync(CancellationToken cancellationToken)
    {
        var orphaned = (await ListAsync(cancellationToken)).Where(w => w.Orphaned).Select(w => w.Worker.Identifier).ToList();
        return orphaned.Count == 0 ? 0 : await _store.DeleteWorkersAsync(orphaned, cancellationToken);
    }

    /// <summary>Activates or deactivates; false when the worker is not registered.</summary>
    public async Task<bool> SetActiveAsync(string identifier, bool active, CancellationToken cancellationToken)
    {
        var done = await _store.SetWorkerActiveAsync(identifier, active, _time.GetUtcNow(), cancellationToken);
        Invalidate();
        return done;
    }

    /// <summary>False when the store marks the worker inactive (cached for a few seconds; this node's changes apply at once).</summary>
    public async Task<bool> IsActiveAsync(string identifier, CancellationToken cancellationToken)
    {
        var active = _active;
        if (active is null || _time.GetUtcNow() - _activeAt > ActiveCacheFor)
        {
            var workers = await _store.ListWorkersAsync(cancellationToken);
            active = workers.ToDictionary(w => w.Identifier, w => w.Active, StringComparer.Ordinal);
            _activeAt = _time.GetUtcNow();
            _active = active;
        }
        return active.GetValueOrDefault(identifier, true);
    }

    /// <summary>
    /// Settings as sent to <see cref="SetSettingsAsync"/>, fit to be recorded: every secret that is set replaced by
    /// <c>"********"</c>; null when the worker is unknown here.
    /// </summary>
    public JsonObject? MaskSecrets(string identifier, JsonObject settings) =>
        _registry.Find(identifier) is { } worker ? WorkerSettingsCodec.MaskIncoming(worker, settings) : null;

    /// <summary>The worker's settings with secrets masked, or null when the worker is unknown here.</summary>
    public async Task<JsonObject?> GetSettingsAsync(string identifier, CancellationToken cancellationToken)
    {
        if (_registry.Find(identifier) is not { } worker) return null;
        var row = await _store.GetWorkerAsync(identifier, cancellationToken);
        return _codec.Masked(worker, row?.Settings);
    }

    /// <summary>Validates and stores settings (a masked secret keeps its value); returns them masked.</summary>
    /// <exception cref="JsonDataException">The settings do not fit; names the field.</exception>
    public async Task<JsonObject?> SetSettingsAsync(string identifier, JsonObject settings, CancellationToken cancellationToken)
    {
        if (_registry.Find(identifier) is not { } worker) return null;
        var row = await _store.GetWorkerAsync(identifier, cancellationToken);
        if (row is null)
        {
            await RegisterLocalAsync(cancellationToken);
        }
        var stored = _codec.Merge(worker, settings, row?.Settings);
        await _store.SetWorkerSettingsAsync(identifier, stored, _time.GetUtcNow(), cancellationToken);
        return _codec.Masked(worker, stored);
    }

    /// <summary>The settings in clear, typed, for a handler.</summary>
    public async Task<T> ReadSettingsAsync<T>(string identifier, CancellationToken cancellationToken)
    {
        var worker = _registry.Find(identifier) ?? throw new InvalidOperationException($"Unknown worker '{identifier}'.");
        var row = await _store.GetWorkerAsync(identifier, cancellationToken);
        return _codec.Read<T>(worker, row?.Settings);
    }

    private void Invalidate() => _active = null;

    private static WorkerRow Row(WorkerDescriptor d) => new()
    {
        Identifier = d.Identifier,
        Title = d.Title,
        Scope = d.Scope,
        Description = d.Description,
        Icon = d.Icon,
        Actions = d.ListedActions,
    };

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException ex) { return ex.Types.Where(t => t is not null)!; }
    }
}
