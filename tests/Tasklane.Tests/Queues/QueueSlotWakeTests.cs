using Tasklane.Tests.Support;

namespace Tasklane.Tests.Queues;

/// <summary>
/// Two real nodes on one PostgreSQL schema, each running a worker the other does not: a task that node b holds back for
/// a limit that counts over both nodes starts as soon as node a's task frees the slot, not at b's next poll (made
/// 60 s here, so only the notification sent with a's outcome can start it in time).
/// </summary>
public sealed class QueueSlotWakeTests
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("key")]
    [InlineData("queue")]
    public async Task SlotFreedOnOneNode_StartsTheTaskAnotherNodeHeldBack(string limit)
    {
        await using var stores = new QueueStores("postgresql");
        void Configure(TasklaneOptions o)
        {
            o.PollInterval = LongPoll;
            o.FallbackPollInterval = LongPoll;
            o.ClaimAhead = false;
        }
        var a = await stores.NodeAsync("a", Configure);
        var b = await stores.NodeAsync("b", Configure, secondWorker: true);
        if (limit == "queue")
        {
            await QueueStores.StoreOf(a).UpdateQueueAsync(new UpdateQueueParams
            {
                Name = "shared", SetGlobalConcurrency = true, GlobalConcurrency = 1, Now = DateTimeOffset.UtcNow,
            }, CancellationToken.None);
        }
        var options = limit == "key"
            ? new TaskOptions { ConcurrencyKey = "one-at-a-time", ConcurrencyLimit = 1 }
            : new TaskOptions { Queue = "shared" };
        var client = QueueStores.ClientOf(a);
        var first = await client.CreateAsync("limits", "work", new LimitArgs(Ms: 1500), options);
        await Eventually.TrueAsync(async () => (await client.GetAsync(first.Id))?.Status == TaskState.Running,
            TimeSpan.FromSeconds(20), "node a to start the first task");
        var second = await QueueStores.ClientOf(b).CreateAsync("limits-2", "work", new LimitArgs(Ms: 10), options);
        // Node b is woken by the create, claims, and is held back by the limit: the second task waits.
        await Task.Delay(300);
        Assert.Equal(TaskState.Pending, (await client.GetAsync(second.Id))!.Status);

        await Eventually.TrueAsync(async () => (await client.GetAsync(first.Id))?.Status == TaskState.Completed,
            TimeSpan.FromSeconds(20), "the first task to complete");
        var freedAt = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(async () => (await client.GetAsync(second.Id))?.Status == TaskState.Completed,
            TimeSpan.FromSeconds(15), "node b to run the second task once the slot is free");
        Assert.True(DateTimeOffset.UtcNow - freedAt < LongPoll / 2, "the second task waited for node b's poll");
        Assert.Equal(["a", "b"], stores.Tracker.Starts.Select(s => s.Node).ToList());
    }

    /// <summary>A queue resumed through node a: node b, which holds the queue's due task back while it is paused, starts it at once.</summary>
    [Fact]
    public async Task QueueResumedOnOneNode_StartsTheOtherNodesWaitingTaskAtOnce()
    {
        await using var stores = new QueueStores("postgresql");
        void Configure(TasklaneOptions o)
        {
            o.PollInterval = LongPoll;
            o.FallbackPollInterval = LongPoll;
        }
        var a = await stores.NodeAsync("a", Configure);
        var b = await stores.NodeAsync("b", Configure, secondWorker: true);
        UpdateQueueParams Pause(bool paused) => new() { Name = "resumed", Paused = paused, Now = DateTimeOffset.UtcNow };
        await QueueStores.StoreOf(a).UpdateQueueAsync(Pause(true), CancellationToken.None);
        var task = await QueueStores.ClientOf(b).CreateAsync("limits-2", "work", new LimitArgs(Ms: 10), new TaskOptions { Queue = "resumed" });
        await Task.Delay(300);
        Assert.Equal(TaskState.Pending, (await QueueStores.ClientOf(b).GetAsync(task.Id))!.Status);

        await QueueStores.StoreOf(a).UpdateQueueAsync(Pause(false), CancellationToken.None);
        var resumedAt = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(async () => (await QueueStores.ClientOf(b).GetAsync(task.Id))?.Status == TaskState.Completed,
            TimeSpan.FromSeconds(15), "node b to run the task of the resumed queue");
        Assert.True(DateTimeOffset.UtcNow - resumedAt < LongPoll / 2, "the task waited for node b's poll");
    }
}
