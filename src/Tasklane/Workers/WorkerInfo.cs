namespace Tasklane;

/// <summary>A worker as operators see it: the registry row, where it can run, and whether its class still exists.</summary>
/// <param name="Worker">The stored worker.</param>
/// <param name="Nodes">Alive nodes that can run it.</param>
/// <param name="Orphaned">True when no alive node (and not this process) has its class.</param>
public sealed record WorkerInfo(WorkerRow Worker, IReadOnlyList<string> Nodes, bool Orphaned);
