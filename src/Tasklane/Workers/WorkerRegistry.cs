namespace Tasklane;

/// <summary>The workers this process can run, built once from the registrations.</summary>
public sealed class WorkerRegistry
{
    private readonly Dictionary<string, WorkerDescriptor> _workers;

    /// <summary>Builds the registry; throws at start-up on a badly declared worker.</summary>
    public WorkerRegistry(IEnumerable<WorkerRegistration> registrations)
    {
        _workers = new Dictionary<string, WorkerDescriptor>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            var descriptor = new WorkerDescriptor(registration.Type);
            if (_workers.TryGetValue(descriptor.Identifier, out var existing) && existing.Type != registration.Type)
            {
                throw new InvalidOperationException($"Worker identifier '{descriptor.Identifier}' is used by {existing.Type.FullName} and {registration.Type.FullName}.");
            }
            _workers[descriptor.Identifier] = descriptor;
        }
        Identifiers = [.. _workers.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every worker, by identifier.</summary>
    public IReadOnlyCollection<WorkerDescriptor> Workers => _workers.Values;

    /// <summary>The identifiers, sorted.</summary>
    public IReadOnlyList<string> Identifiers { get; }

    /// <summary>A worker by identifier, or null.</summary>
    public WorkerDescriptor? Find(string identifier) => _workers.GetValueOrDefault(identifier);
}

/// <summary>A worker class registered with the container.</summary>
/// <param name="Type">The class.</param>
public sealed record WorkerRegistration(Type Type);
