namespace Tasklane.Storage;

/// <summary>
/// Picks tasks for one claim from candidates offered in claim order (every SQL store uses it): at most the limit in all,
/// and at most the free slots of each queue that has its own limit.
/// </summary>
public sealed class ClaimPlanner
{
    private readonly int _limit;
    private readonly Dictionary<string, int> _slots;
    private readonly List<long> _chosen = [];

    /// <summary>A planner for one claim of at most <paramref name="limit"/> tasks within <paramref name="queueSlots"/>.</summary>
    public ClaimPlanner(int limit, IReadOnlyDictionary<string, int> queueSlots)
    {
        _limit = Math.Max(limit, 0);
        _slots = queueSlots.ToDictionary(pair => pair.Key, pair => Math.Max(pair.Value, 0), StringComparer.Ordinal);
    }

    /// <summary>The chosen task ids, in claim order.</summary>
    public IReadOnlyList<long> Chosen => _chosen;

    /// <summary>True once the limit is reached.</summary>
    public bool IsFull => _chosen.Count >= _limit;

    /// <summary>How many more tasks may be chosen.</summary>
    public int Remaining => _limit - _chosen.Count;

    /// <summary>Queues with no slot left; their tasks need not be fetched.</summary>
    public IEnumerable<string> FullQueues => _slots.Where(pair => pair.Value <= 0).Select(pair => pair.Key);

    /// <summary>Takes the candidate when the limit and its queue's slots allow.</summary>
    public void Offer(long id, string queue)
    {
        if (IsFull) return;
        if (_slots.TryGetValue(queue, out var free))
        {
            if (free <= 0) return;
            _slots[queue] = free - 1;
        }
        _chosen.Add(id);
    }
}
