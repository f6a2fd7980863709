using Tasklane.Tests.Support;

namespace Tasklane.Tests.Queues;

/// <summary>Queue control and concurrency keys, enforced by the claim, on one node of each store.</summary>
public sealed class QueueControlEngineTests
{
    private static UpdateQueueParams Queue(string name = "limited") => new() { Name = name, Now = DateTimeOffset.UtcNow };

    private static async Task<List<long>> CreateAsync(ITaskClient client, int count, string action = "work", Func<int, LimitArgs>? args = null,
        Func<int, TaskOptions?>? options = null)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++) ids.Add((await client.CreateAsync("limits", action, args?.Invoke(i) ?? new LimitArgs(), options?.Invoke(i))).Id);
        return ids;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task PausedQueue_IsClaimedByNoNode_AndRunsOnceResumed(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a");
        var tasks = QueueStores.StoreOf(node);
        await tasks.UpdateQueueAsync(Queue() with { Paused = true }, CancellationToken.None);
        var ids = await CreateAsync(QueueStores.ClientOf(node), 3, args: _ => new LimitArgs(Ms: 10));
        // A task of another queue runs meanwhile: the node claims, only not from the paused queue.
        var other = await QueueStores.ClientOf(node).CreateAsync("limits", "work", new LimitArgs(Ms: 10), new TaskOptions { Queue = "default" });

        await QueueStores.AllCompletedAsync(node, [other.Id], TimeSpan.FromSeconds(20));
        await Task.Delay(500); // several polls of the node
        foreach (var id in ids) Assert.Equal(TaskState.Pending, (await tasks.GetTaskAsync(id, CancellationToken.None))!.Status);
        Assert.Equal(0, stores.Tracker.Max("queue:limited"));

        await tasks.UpdateQueueAsync(Queue() with { Paused = false }, CancellationToken.None);
        await QueueStores.AllCompletedAsync(node, ids, TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task GlobalConcurrency_CapsTheQueuesRunningTasks(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a");
        await QueueStores.StoreOf(node).UpdateQueueAsync(Queue() with { SetGlobalConcurrency = true, GlobalConcurrency = 2 }, CancellationToken.None);

        var ids = await CreateAsync(QueueStores.ClientOf(node), 12, args: _ => new LimitArgs(Ms: 150));

        await QueueStores.AllCompletedAsync(node, ids, TimeSpan.FromSeconds(30));
        Assert.InRange(stores.Tracker.Max("queue:limited"), 1, 2);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task ConcurrencyKey_AtMostTheLimitRun_AndTheOthersStartAsSlotsFree(string store)
    {
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a");
        var client = QueueStores.ClientOf(node);

        var pair = await CreateAsync(client, 6, args: _ => new LimitArgs(Ms: 150), options: _ => new TaskOptions { ConcurrencyKey = "pair", ConcurrencyLimit = 2 });
        // The action's own key from the data: one import per object at once.
        var imports = await CreateAsync(client, 4, "import", _ => new LimitArgs(Ms: 150, ObjectId: "7"));
        var free = await CreateAsync(client, 4, args: _ => new LimitArgs(Ms: 150));

        await QueueStores.AllCompletedAsync(node, [.. pair, .. imports, .. free], TimeSpan.FromSeconds(30));
        Assert.InRange(stores.Tracker.Max("key:pair"), 1, 2);
        Assert.Equal(1, stores.Tracker.Max("key:import:7"));
        var import = (await QueueStores.StoreOf(node).GetTaskAsync(imports[0], CancellationToken.None))!;
        Assert.Equal("import:7", import.ConcurrencyKey);
        Assert.Equal(1, import.ConcurrencyLimit);
        // Without a key, tasks of the queue ran side by side with the keyed ones.
        Assert.True(stores.Tracker.Max("queue:limited") > 2, $"at most {stores.Tracker.Max("queue:limited")} ran at once");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task RatePerSecond_SpreadsTheStartsOverTime(string store)
    {
        const double rate = 4;
        const int count = 12;
        await using var stores = new QueueStores(store);
        var node = await stores.NodeAsync("a");
        await QueueStores.StoreOf(node).UpdateQueueAsync(Queue() with { SetRatePerSecond = true, RatePerSecond = rate }, CancellationToken.None);

        var ids = await CreateAsync(QueueStores.ClientOf(node), count, args: _ => new LimitArgs(Ms: 1));

        await QueueStores.AllCompletedAsync(node, ids, TimeSpan.FromSeconds(30));
        var starts = new List<DateTimeOffset>();
        foreach (var id in ids) starts.Add((await QueueStores.StoreOf(node).GetTaskAsync(id, CancellationToken.None))!.StartedAt!.Value);
        starts.Sort();
        // A bucket of `rate` tokens refilled at `rate` a second: the last of 12 starts no earlier than (12 - 4) / 4 = 2 s
        // after the first (a lower bound only: a slow machine makes it later, never earlier).
        Assert.True((starts[^1] - starts[0]).TotalSeconds >= ((count - rate) / rate) - 0.25,
            $"12 starts within {(starts[^1] - starts[0]).TotalSeconds:0.00} s");
        // Within any one second, at most the burst and one second's refill (and a token of slack for rounding).
        foreach (var first in starts)
        {
            var within = starts.Count(s => s >= first && s < first.AddSeconds(1));
            Assert.True(within <= (2 * rate) + 1, $"{within} starts within one second");
        }
    }
}
