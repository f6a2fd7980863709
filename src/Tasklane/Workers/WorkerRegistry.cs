namespace Tasklane;

/// <summary>
/// The workers this process can run: built from the registrations at start, and grown at run time
/// by <see cref="WorkerCatalog.DiscoverAsync"/>. Reads are lock-free snapshots.
/// </summary>
public sealed class WorkerRegistry
{
    private readonly Lock _gate = new();
    private Dictionary<string, WorkerDescriptor> _workers;

    /// <summary>Builds the registry from worker classes; throws at start-up on a badly declared worker.</summary>
    public WorkerRegistry(IEnumerable<WorkerRegistration> registrations)
        : this(registrations, [])
    {
    }

    /// <summary>Builds the registry from worker classes and delegate actions; throws at start-up on a badly declared worker.</summary>
    public WorkerRegistry(IEnumerable<WorkerRegistration> registrations, IEnumerable<WorkerActionRegistration> actions)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(actions);
        _workers = new Dictionary<string, WorkerDescriptor>(StringComparer.Ordinal);
        foreach (var registration in registrations) Add(_workers, new WorkerDescriptor(registration.Type));
        foreach (var worker in actions.GroupBy(a => a.Worker, StringComparer.Ordinal))
        {
            var descriptor = new WorkerDescriptor(worker.Key, [.. worker]);
            if (_workers.TryGetValue(descriptor.Identifier, out var existing))
            {
                throw new InvalidOperationException($"Worker identifier '{descriptor.Identifier}' is used by {existing.Type?.FullName} and by delegate actions.");
            }
            _workers[descriptor.Identifier] = descriptor;
        }
        Identifiers = [.. _workers.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every worker.</summary>
    public IReadOnlyCollection<WorkerDescriptor> Workers => Volatile.Read(ref _workers).Values;

    /// <summary>The identifiers, sorted.</summary>
    public IReadOnlyList<string> Identifiers { get; private set; }

    /// <summary>A worker by identifier, or null.</summary>
    public WorkerDescriptor? Find(string identifier) => Volatile.Read(ref _workers).GetValueOrDefault(identifier);

    /// <summary>Adds a worker class found at run time; false when its identifier is already registered.</summary>
    public bool TryAdd(Type workerType)
    {
        var descriptor = new WorkerDescriptor(workerType);
        lock (_gate)
        {
            if (_workers.ContainsKey(descriptor.Identifier)) return false;
            var copy = new Dictionary<string, WorkerDescriptor>(_workers, StringComparer.Ordinal);
            Add(copy, descriptor);
            Identifiers = [.. copy.Keys.Order(StringComparer.Ordinal)];
            Volatile.Write(ref _workers, copy);
            return true;
        }
    }

    private static void Add(Dictionary<string, WorkerDescriptor> workers, WorkerDescriptor descriptor)
    {
        if (workers.TryGetValue(descriptor.Identifier, out var existing) && existing.Type != descriptor.Type)
        {
            throw new InvalidOperationException($"Worker identifier '{descriptor.Identifier}' is used by {Name(existing)} and {Name(descriptor)}.");
        }
        workers[descriptor.Identifier] = descriptor;
    }

    private static string Name(WorkerDescriptor descriptor) => descriptor.Type?.FullName ?? "delegate actions";
}

/// <summary>A worker class registered with the container.</summary>
/// <param name="Type">The class.</param>
public sealed record WorkerRegistration(Type Type);
