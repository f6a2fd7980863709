using System.Collections.Concurrent;
using System.Diagnostics;
using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.PostgreSql;

/// <summary>
/// The one-statement claim reads the queue configuration in its own snapshot: no round trip of its own on the pickup
/// path, and a pause or a limit set through another node counts at once.
/// </summary>
public sealed class PostgreSqlClaimQueueConfigTests : TaskStoreConformanceBase, IAsyncLifetime
{
    private const string ProbeName = "Tasklane.Tests.ClaimProbe";
    private static readonly ActivitySource Probe = new(ProbeName);
    private readonly PostgreSqlTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();

    [Fact]
    public async Task Claim_SendsNoQueueConfigurationRead_FirstOrAfterTheCacheWentStale()
    {
        var store = await CreateStoreAsync();
        await CreateAsync(store, NewTask());
        await CreateAsync(store, NewTask());

        var first = await StatementsOfAsync(() => store.ClaimAsync(NewClaim(limit: 1), Ct));
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // past the claim's 1 s trust in a queue configuration it read
        var second = await StatementsOfAsync(() => store.ClaimAsync(NewClaim(limit: 1), Ct));

        foreach (var statements in new[] { first, second })
        {
            Assert.Contains(statements, s => s.Contains("A whole claim in one statement", StringComparison.Ordinal));
            Assert.DoesNotContain(statements, s => s.Contains("Every configured queue", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Claim_LeavesOutAQueuePausedThroughAnotherNode_AtOnce()
    {
        var store = await CreateStoreAsync();
        var other = OpenSecondHandle(store);
        Assert.Empty(await store.ClaimAsync(NewClaim(), Ct)); // a claim just before: any cache of this handle is fresh
        await CreateAsync(store, NewTask());

        await other.UpdateQueueAsync(new UpdateQueueParams { Name = "default", Paused = true, Now = T0 }, Ct);

        Assert.Empty(await store.ClaimAsync(NewClaim(), Ct));
    }

    [Fact]
    public async Task Claim_CountsAGlobalConcurrencySetThroughAnotherNode_AtOnce()
    {
        var store = await CreateStoreAsync();
        var other = OpenSecondHandle(store);
        Assert.Empty(await store.ClaimAsync(NewClaim(), Ct));
        for (var i = 0; i < 3; i++) await CreateAsync(store, NewTask());

        await other.UpdateQueueAsync(new UpdateQueueParams { Name = "default", SetGlobalConcurrency = true, GlobalConcurrency = 1, Now = T0 }, Ct);

        Assert.Single(await store.ClaimAsync(NewClaim(), Ct));
        Assert.Empty(await store.ClaimAsync(NewClaim(), Ct));
    }

    /// <summary>The text of every Npgsql command that <paramref name="work"/> sends (its activities under a probe of this test).</summary>
    private static async Task<List<string>> StatementsOfAsync(Func<Task> work)
    {
        var statements = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProbeName || source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == ProbeName || !UnderProbe(activity)) return;
                foreach (var tag in activity.TagObjects)
                {
                    if (tag.Value is string text) statements.Enqueue(text);
                }
                statements.Enqueue(activity.DisplayName);
            },
        };
        ActivitySource.AddActivityListener(listener);
        using (Probe.StartActivity("claim"))
        {
            await work();
        }
        return [.. statements];
    }

    private static bool UnderProbe(Activity activity)
    {
        for (var a = activity.Parent; a is not null; a = a.Parent)
        {
            if (a.Source.Name == ProbeName) return true;
        }
        return false;
    }
}
