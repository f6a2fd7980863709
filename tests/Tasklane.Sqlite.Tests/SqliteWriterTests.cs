using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>The SQLite store's one writer: concurrent writes share commits, and one failing write fails alone.</summary>
public sealed class SqliteWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task CreateTask_ManyConcurrentCallers_ShareCommits()
    {
        var store = await _databases.CreateAsync();
        var before = store.WriterCommits;
        using var start = new ManualResetEventSlim();

        var creates = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await store.CreateTaskAsync(NewTask($"key-{i}"), CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(creates);

        Assert.Equal(64, results.Select(r => r.Task.Id).Distinct().Count());
        Assert.True(store.WriterCommits - before < 64, $"64 creates took {store.WriterCommits - before} commits");
        foreach (var result in results) Assert.NotNull(await store.GetTaskAsync(result.Task.Id, CancellationToken.None));
    }

    [Fact]
    public async Task CreateTask_OneFailsInAGroup_OthersCommitted()
    {
        var store = await _databases.CreateAsync();
        using var start = new ManualResetEventSlim();

        var good = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await store.CreateTaskAsync(NewTask($"good-{i}"), CancellationToken.None);
        })).ToList();
        // A task without a worker breaks a NOT NULL constraint: this write fails, the ones beside it do not.
        var bad = Task.Run(async () =>
        {
            start.Wait();
            return await store.CreateTaskAsync(NewTask("bad") with { Worker = null! }, CancellationToken.None);
        });
        start.Set();

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        foreach (var result in await Task.WhenAll(good)) Assert.NotNull(await store.GetTaskAsync(result.Task.Id, CancellationToken.None));
        var page = await store.ListTasksAsync(new TaskQuery { PageSize = 100 }, CancellationToken.None);
        Assert.Equal(20, page.Total);
    }

    [Fact]
    public async Task CreateTask_Cancelled_NotWritten()
    {
        var store = await _databases.CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CreateTaskAsync(NewTask("x"), cancelled.Token));

        Assert.Equal(0, (await store.ListTasksAsync(new TaskQuery(), CancellationToken.None)).Total);
    }

    private static CreateTaskParams NewTask(string key) => new()
    {
        Worker = "product",
        Action = "import",
        Data = "{}",
        Queue = "default",
        MaxAttempts = 1,
        RunAt = T0,
        Now = T0,
        IdempotencyKey = key,
        LogMessage = "Created",
    };
}
