using Microsoft.Data.Sqlite;
using Tasklane.Sqlite;
using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>The conformance suite for creating, reading and steering tasks on a SQLite file per test, and what only SQLite has.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreConformanceTests, IDisposable
{
    private readonly SqliteTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    public void Dispose() => _databases.Dispose();

    [Fact]
    public void Name_Always_Sqlite()
    {
        Assert.Equal("sqlite", new SqliteTaskStore(_databases.NewPath()).Name);
    }

    [Fact]
    public async Task Migrate_Reopened_IdempotentAndDataKept()
    {
        var path = _databases.NewPath();
        var first = _databases.Open(path);
        await first.MigrateAsync(Ct);
        var task = await CreateAsync(first, NewTask());

        var second = _databases.Open(path);
        await second.MigrateAsync(Ct);
        await second.MigrateAsync(Ct);

        Assert.Equal(task, await second.GetTaskAsync(task.Id, Ct));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L], await ScalarsAsync(path, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migrate_TwoHandlesAtOnce_BothSucceed()
    {
        var path = _databases.NewPath();
        var stores = Enumerable.Range(0, 4).Select(_ => _databases.Open(path)).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct))));

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L], await ScalarsAsync(path, "SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Migrate_NewFile_WalModeAndReadableEnums()
    {
        var path = _databases.NewPath();
        var own = _databases.Open(path);
        await own.MigrateAsync(Ct);
        await CreateAsync(own, NewTask() with { Priority = TaskPriority.High, Category = TaskCategory.System });

        Assert.Equal("wal", (await TextsAsync(path, "PRAGMA journal_mode")).Single());
        Assert.Equal(["pending|high|system"], await TextsAsync(path, "SELECT status || '|' || priority || '|' || category FROM tasks"));
        Assert.Equal([T0.ToUnixTimeMilliseconds()], await ScalarsAsync(path, "SELECT run_at FROM tasks"));
    }

    [Fact]
    public async Task CreateTask_WhileAnotherConnectionHoldsWriteLock_WaitsAndSucceeds()
    {
        var path = _databases.NewPath();
        var store = _databases.Open(path);
        await store.MigrateAsync(Ct);
        await using var blocker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await blocker.OpenAsync();
        await using var transaction = blocker.BeginTransaction(deferred: false);

        var create = Task.Run(() => store.CreateTaskAsync(NewTask(), Ct));
        await Task.WhenAny(create, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(create.IsCompleted);
        await transaction.CommitAsync();

        var result = await create.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.Created);
        Assert.NotNull(await store.GetTaskAsync(result.Task.Id, Ct));
    }

    private static async Task<List<long>> ScalarsAsync(string path, string sql) =>
        [.. (await QueryAsync(path, sql)).Select(v => (long)v)];

    private static async Task<List<string>> TextsAsync(string path, string sql) =>
        [.. (await QueryAsync(path, sql)).Select(v => (string)v)];

    private static async Task<List<object>> QueryAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<object>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetValue(0));
        return values;
    }
}
