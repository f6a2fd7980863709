namespace Tasklane;

/// <summary>
/// The workers this process can run: built from the registrations at start, and grown at run time
/// by <see cref="WorkerCatalog.DiscoverAsync"/>. Reads are lock-free snapshots.
/// </summary>
public sealed class WorkerRegistry
{
    private readonly Lock _gate = new();
    private Dictionary<string, WorkerDescriptor> _workers;

    /// <summary>Builds the registry; throws at start-up on a badly declared worker.</summary>
    public WorkerRegistry(IEnumerable<WorkerRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _workers = new Dictionary<string, WorkerDescriptor>(StringComparer.Ordinal);
        foreach (var registration in registrations) Add(_workers, new WorkerDescriptor(registration.Type));
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
            throw new InvalidOperationException($"Worker identifier '{descriptor.Identifier}' is used by {existing.Type.FullName} and {descriptor.Type.FullName}.");
        }
        workers[descriptor.Identifier] = descriptor;
    }
}

/// <summary>A worker class registered with the container.</summary>
/// <param name="Type">The class.</param>
public sealed record WorkerRegistration(Type Type);
