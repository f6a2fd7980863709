using Tasklane.Tests.Support;

namespace Tasklane.Tests.Queues;

/// <summary>
/// Two real nodes (two engines, each with its own connections) on one PostgreSQL schema: together they never exceed a
/// queue's global concurrency or a concurrency key's limit. Each node alone could run more than the limit (its own
/// queue limit is above it), so only the claim's lock on the store can hold them to it.
/// </summary>
public sealed class QueueLimitsTwoNodesTests
{
    [Fact]
    public async Task TwoNodes_TogetherNeverExceedTheGlobalConcurrencyOrTheKeyLimit()
    {
        await using var stores = new QueueStores("postgresql");
        // Per node: 2 of "limited" and 2 of "keyed" at once; together 4 of each, above the limits under test.
        void Configure(TasklaneOptions o)
        {
            o.Queues["limited"] = 2;
            o.Queues["keyed"] = 2;
            o.ClaimAhead = false;
        }
        var a = await stores.NodeAsync("a", Configure);
        await QueueStores.StoreOf(a).UpdateQueueAsync(new UpdateQueueParams
        {
            Name = "limited", SetGlobalConcurrency = true, GlobalConcurrency = 3, Now = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        // Node b starts after the change: a node that already runs sees another node's change within its config cache's
        // age (1 s, docs/queues.md), and this test is about the claim's lock, not about that delay.
        var b = await stores.NodeAsync("b", Configure);

        var ids = new List<long>();
        var clients = new[] { QueueStores.ClientOf(a), QueueStores.ClientOf(b) };
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await clients[i % 2].CreateAsync("limits", "work", new LimitArgs(Ms: 120))).Id);
            ids.Add((await clients[i % 2].CreateAsync("limits", "work", new LimitArgs(Ms: 120),
                new TaskOptions { Queue = "keyed", ConcurrencyKey = "shared", ConcurrencyLimit = 3 })).Id);
        }

        await QueueStores.AllCompletedAsync(a, ids, TimeSpan.FromSeconds(90));
        Assert.InRange(stores.Tracker.Max("queue:limited"), 1, 3);
        Assert.InRange(stores.Tracker.Max("key:shared"), 1, 3);
        // Both nodes took part: neither alone may run 3 of either group.
        var nodes = stores.Tracker.Starts.Select(s => s.Node).Distinct().Order().ToList();
        Assert.Equal(["a", "b"], nodes);
        Assert.True(stores.Tracker.Max("queue:limited") == 3 || stores.Tracker.Max("key:shared") == 3,
            "the two nodes together never reached a limit of 3: the test did not put the limit under pressure");
    }
}
