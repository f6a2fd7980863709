namespace Tasklane.Storage;

/// <summary>
/// Picks tasks for one claim from candidates offered in claim order (every SQL store uses it): at most the limit in all,
/// at most the free slots of each queue that has a limit (the node's own, or a global concurrency or rate held in the
/// store), and, per concurrency key, no more than the task's limit running at once.
/// </summary>
public sealed class ClaimPlanner
{
    private readonly int _limit;
    private readonly Dictionary<string, int> _slots;
    private readonly Dictionary<string, long> _keyRunning = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fullKeys = new(StringComparer.Ordinal);
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

    /// <summary>Concurrency keys a candidate was refused for; tasks with them need not be fetched again in this claim.</summary>
    public IEnumerable<string> FullKeys => _fullKeys;

    /// <summary>True when the planner knows how many tasks with <paramref name="key"/> hold a slot.</summary>
    public bool KnowsKey(string key) => _keyRunning.ContainsKey(key);

    /// <summary>
    /// Records how many tasks with <paramref name="key"/> hold a slot; null when the key cannot be taken in this claim
    /// (another node is claiming it).
    /// </summary>
    public void SetKeyRunning(string key, long? running) => _keyRunning[key] = running ?? long.MaxValue;

    /// <summary>Takes the candidate when the limit and its queue's slots allow.</summary>
    public void Offer(long id, string queue) => Offer(id, queue, key: null, keyLimit: 1);

    /// <summary>
    /// Takes the candidate when the limit, its queue's slots and its concurrency key allow (fewer than
    /// <paramref name="keyLimit"/> tasks with the key hold a slot, counting the ones chosen here). A key must be known
    /// (<see cref="SetKeyRunning"/>) before a candidate with it is offered.
    /// </summary>
    public void Offer(long id, string queue, string? key, int keyLimit)
    {
        if (IsFull) return;
        var hasSlots = _slots.TryGetValue(queue, out var free);
        if (hasSlots && free <= 0) return;
        if (key is not null)
        {
            var running = _keyRunning.TryGetValue(key, out var count)
                ? count
                : throw new InvalidOperationException($"The running count of concurrency key '{key}' is not known.");
            if (running >= Math.Max(keyLimit, 1))
            {
                _fullKeys.Add(key);
                return;
            }
            _keyRunning[key] = running + 1;
        }
        if (hasSlots) _slots[queue] = free - 1;
        _chosen.Add(id);
    }
}
