using Tasklane.PostgreSql;
using Tasklane.Conformance;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.PostgreSql;

/// <summary>The conformance suite for creating, reading and steering tasks on a fresh PostgreSQL schema per test, and what only PostgreSQL has.</summary>
public sealed class PostgreSqlTaskStoreTests : TaskStoreConformanceTests, IAsyncLifetime
{
    private readonly PostgreSqlTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();

    [Fact]
    public void Name_Always_Postgresql()
    {
        Assert.Equal("postgresql", _databases.Open(_databases.NewSchema()).Name);
    }

    [Theory]
    [InlineData("Tasklane")]
    [InlineData("tasklane; drop table x")]
    [InlineData("1tasklane")]
    [InlineData("")]
    public void Constructor_InvalidSchema_Throws(string schema)
    {
        Assert.ThrowsAny<ArgumentException>(() => new PostgreSqlTaskStore(PostgreSqlTestDatabases.ConnectionString, schema));
    }

    [Fact]
    public async Task Migrate_Reopened_IdempotentAndDataKept()
    {
        var schema = _databases.NewSchema();
        var first = _databases.Open(schema);
        await first.MigrateAsync(Ct);
        var task = await CreateAsync(first, NewTask());

        var second = _databases.Open(schema);
        await second.MigrateAsync(Ct);
        await second.MigrateAsync(Ct);

        Assert.Equal(task, await second.GetTaskAsync(task.Id, Ct));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], await PostgreSqlTestDatabases.QueryAsync($"SELECT version FROM \"{schema}\".schema_migrations"));
    }

    [Fact]
    public async Task Migrate_SeveralNodesAtOnce_AllSucceedAndApplyOnce()
    {
        var schema = _databases.NewSchema();
        var stores = Enumerable.Range(0, 6).Select(_ => _databases.Open(schema)).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct))));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], await PostgreSqlTestDatabases.QueryAsync($"SELECT version FROM \"{schema}\".schema_migrations"));
    }

    [Fact]
    public async Task Migrate_NewSchema_TypedColumnsAndReadableEnums()
    {
        var store = await _databases.CreateAsync();
        await CreateAsync(store, NewTask() with { Priority = TaskPriority.High, Category = TaskCategory.System });
        var schema = store.Schema;

        Assert.Equal(["pending|high|system"], await PostgreSqlTestDatabases.QueryAsync($"SELECT status || '|' || priority || '|' || category FROM \"{schema}\".tasks"));
        Assert.Equal(["timestamp with time zone"], await PostgreSqlTestDatabases.QueryAsync(
            $"SELECT data_type FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = 'tasks' AND column_name = 'run_at'"));
    }

    [Fact]
    public async Task Schemas_TwoStores_DoNotSeeEachOther()
    {
        var a = await _databases.CreateAsync();
        var b = await _databases.CreateAsync();
        await CreateAsync(a, NewTask());

        Assert.Equal(1, (await a.ListTasksAsync(new TaskQuery(), Ct)).Total);
        Assert.Equal(0, (await b.ListTasksAsync(new TaskQuery(), Ct)).Total);
        Assert.Empty(await b.ClaimAsync(NewClaim(), Ct));
    }

    [Fact]
    public async Task Claim_WhileAnotherTransactionHoldsRows_SkipsThemWithoutWaiting()
    {
        var store = await _databases.CreateAsync();
        var held = await CreateAsync(store, NewTask());
        var free = await CreateAsync(store, NewTask());
        await using var connection = new Npgsql.NpgsqlConnection(PostgreSqlTestDatabases.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand($"SELECT id FROM \"{store.Schema}\".tasks WHERE id = {held.Id} FOR UPDATE", connection, transaction))
        {
            await lockRow.ExecuteNonQueryAsync();
        }

        var claimed = await store.ClaimAsync(NewClaim(), Ct).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([free.Id], claimed.Select(t => t.Id));
        await transaction.RollbackAsync();
        Assert.Equal([held.Id], (await store.ClaimAsync(NewClaim(), Ct)).Select(t => t.Id));
    }

    [Fact]
    public async Task Rescue_TwoNodesAtOnce_EachTaskRescuedOnce()
    {
        var store = await _databases.CreateAsync();
        var other = _databases.OpenSecond(store);
        for (var i = 0; i < 40; i++) await CreateAsync(store, NewTask());
        await store.ClaimAsync(NewClaim(limit: 100), Ct);
        var rescue = new RescueParams { Now = T0.AddMinutes(5), Message = "lost" };

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? store : other).RescueAsync(rescue, Ct))));

        var ids = results.SelectMany(r => r).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task Store_ConnectionsTerminatedByServer_FailsAtMostOnceThenWorks()
    {
        var seeded = await _databases.CreateAsync();
        var application = $"tl-{Guid.NewGuid():N}"[..20];
        await using var store = new PostgreSqlTaskStore(PostgreSqlTestDatabases.ConnectionString + $";Application Name={application}", seeded.Schema);
        var task = await CreateAsync(store, NewTask());

        var terminated = await PostgreSqlTestDatabases.QueryAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}'");
        Assert.NotEmpty(terminated);

        var failures = 0;
        TaskRow? read = null;
        for (var attempt = 0; attempt < 3 && read is null; attempt++)
        {
            try { read = await store.GetTaskAsync(task.Id, Ct); }
            catch (Npgsql.NpgsqlException) { failures++; }
        }
        Assert.NotNull(read);
        Assert.True(failures <= 1, $"{failures} failures: a broken pooled connection was reused");
        Assert.Single(await store.ClaimAsync(NewClaim(), Ct));
    }
}
