using Microsoft.Data.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>Tasks created inside the application's own SQLite transaction, on the store's real file.</summary>
public sealed class TransactionalCreateTests
{
    [Fact]
    public async Task CreateInTransaction_RolledBack_LeavesNeitherTheBusinessRowNorTheTask()
    {
        await using var engine = await EngineHost.StartAsync();
        await using var connection = await OpenAsync(engine.DatabasePath);
        await CreateOrdersTableAsync(connection);

        long id;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await InsertOrderAsync(connection, transaction, "order-1");
            id = (await engine.Client.InTransaction(transaction).CreateAsync("test", "record", new NamedArgs("rolled-back"))).Id;
            await transaction.RollbackAsync();
        }

        Assert.Equal(0L, await CountOrdersAsync(connection));
        Assert.Null(await engine.Store.GetTaskAsync(id, CancellationToken.None));
        // A task created after it runs: had the rolled-back one existed, it would have run too.
        var after = await engine.Client.CreateAsync("test", "record", new NamedArgs("after"));
        await engine.WaitForStatusAsync(after.Id, TaskState.Completed);
        Assert.DoesNotContain("rolled-back", engine.Journal.Started);
    }

    [Fact]
    public async Task CreateInTransaction_Committed_StoresBothAndRunsWithoutWaitingForThePoll()
    {
        // A 30 s poll: only the wake-up after the commit can start the task within the wait below.
        await using var engine = await EngineHost.StartAsync(o => o.PollInterval = TimeSpan.FromSeconds(30));
        await using var connection = await OpenAsync(engine.DatabasePath);
        await CreateOrdersTableAsync(connection);
        var warmUp = await engine.Client.CreateAsync("test", "record", new NamedArgs("warm-up"));
        await engine.WaitForStatusAsync(warmUp.Id, TaskState.Completed);

        IReadOnlyList<TaskRow> tasks;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await InsertOrderAsync(connection, transaction, "order-1");
            var inTransaction = engine.Client.InTransaction(transaction);
            var first = await inTransaction.CreateAsync("test", "record", new NamedArgs("committed"));
            var more = await inTransaction.CreateManyAsync([new TaskRequest("test", "record", new NamedArgs("committed-2"))]);
            tasks = [first, .. more];
            // Not visible to the store before the commit.
            Assert.Null(await engine.Store.GetTaskAsync(first.Id, CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(1L, await CountOrdersAsync(connection));
        foreach (var task in tasks) await engine.WaitForStatusAsync(task.Id, TaskState.Completed, TimeSpan.FromSeconds(10));
        Assert.Contains("committed", engine.Journal.Started);
        Assert.Contains("committed-2", engine.Journal.Started);
        Assert.Contains("Created by system", await engine.LogMessagesAsync(tasks[0].Id));
    }

    [Fact]
    public async Task CreateInTransaction_BadData_IsRefusedBeforeAnythingIsWritten()
    {
        await using var engine = await EngineHost.StartAsync();
        await using var connection = await OpenAsync(engine.DatabasePath);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var refused = await Assert.ThrowsAsync<TaskCreateException>(() =>
            engine.Client.InTransaction(transaction).CreateAsync("test", "record", new { name = 5 }));

        Assert.Equal(TaskCreateError.InvalidData, refused.Error);
        Assert.StartsWith("data", refused.Field);
    }

    [Fact]
    public async Task CreateInTransaction_ConnectionOnAnotherFile_IsRefused()
    {
        await using var engine = await EngineHost.StartAsync();
        using var other = new TempDirectory();
        await using var connection = await OpenAsync(other.DatabasePath);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            engine.Client.InTransaction(transaction).CreateAsync("test", "record", new NamedArgs("elsewhere")));

        Assert.Contains("store's own database file", refused.Message);
    }

    [Fact]
    public async Task CreateInTransaction_AfterTheCommit_IsRefused()
    {
        await using var engine = await EngineHost.StartAsync();
        await using var connection = await OpenAsync(engine.DatabasePath);
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await transaction.CommitAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            engine.Client.InTransaction(transaction).CreateAsync("test", "record", new NamedArgs("late")));

        Assert.Contains("already been committed or rolled back", refused.Message);
        await transaction.DisposeAsync();
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task CreateOrdersTableAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task InsertOrderAsync(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO orders (name) VALUES ($name)";
        command.Parameters.AddWithValue("$name", name);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountOrdersAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM orders";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
