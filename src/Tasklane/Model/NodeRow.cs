namespace Tasklane;

/// <summary>One running process that executes tasks, as its heartbeat reports it.</summary>
public sealed record NodeRow
{
    /// <summary>The node's unique id (new at every start).</summary>
    public required string Id { get; init; }
    /// <summary>The host name.</summary>
    public required string Host { get; init; }
    /// <summary>The process id.</summary>
    public int Pid { get; init; }
    /// <summary>When the node started.</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>The last heartbeat.</summary>
    public DateTimeOffset LastHeartbeat { get; init; }
    /// <summary>The queues the node serves, with their concurrency on this node.</summary>
    public IReadOnlyDictionary<string, int> Queues { get; init; } = new Dictionary<string, int>();
    /// <summary>The worker identifiers the node can run.</summary>
    public IReadOnlyList<string> Workers { get; init; } = [];
    /// <summary>The node's global concurrency.</summary>
    public int Concurrency { get; init; }
    /// <summary>Tasks running on the node at the last heartbeat.</summary>
    public int Running { get; init; }
}
