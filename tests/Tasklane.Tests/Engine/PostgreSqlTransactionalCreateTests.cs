using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tasklane.PostgreSql;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>Tasks created inside the application's own PostgreSQL transaction, on a real server.</summary>
public sealed class PostgreSqlTransactionalCreateTests : IAsyncLifetime
{
    private readonly PostgreSqlTestDatabases _databases = new();
    private readonly List<IHost> _hosts = [];
    private readonly string _orders = $"orders_{Guid.NewGuid():N}"[..30];

    public async Task InitializeAsync() =>
        await PostgreSqlTestDatabases.QueryAsync($"CREATE TABLE public.{_orders} (id bigserial PRIMARY KEY, name text NOT NULL); SELECT 1");

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
        if (Environment.GetEnvironmentVariable(PostgreSqlTestDatabases.Variable) is { Length: > 0 })
        {
            await PostgreSqlTestDatabases.QueryAsync($"DROP TABLE IF EXISTS public.{_orders}; SELECT 1");
        }
        await _databases.DisposeAsync();
    }

    [Fact]
    public async Task CreateInTransaction_RolledBack_LeavesNeitherTheBusinessRowNorTheTask()
    {
        var host = await StartNodeAsync(_databases.NewSchema(), _ => { });
        await using var connection = await OpenAsync();

        long id;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertOrderAsync(connection, transaction, "order-1");
            id = (await Client(host).InTransaction(transaction).CreateAsync("test", "record", new NamedArgs("rolled-back"))).Id;
            await transaction.RollbackAsync();
        }

        Assert.Equal(0L, await CountOrdersAsync(connection));
        Assert.Null(await Store(host).GetTaskAsync(id, CancellationToken.None));
        var after = await Client(host).CreateAsync("test", "record", new NamedArgs("after"));
        await WaitForStatusAsync(host, after.Id, TaskState.Completed, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("rolled-back", host.Services.GetRequiredService<Journal>().Started);
    }

    [Fact]
    public async Task CreateInTransaction_Committed_StoresBothAndWakesAnotherNodeAtCommit()
    {
        var schema = _databases.NewSchema();
        // The working node polls every 30 s: only the NOTIFY that the commit delivers can start the task in time.
        var worker = await StartNodeAsync(schema, o => o.PollInterval = TimeSpan.FromSeconds(30));
        var api = await StartNodeAsync(schema, o => o.RunEngine = false);
        var warmUp = await Client(worker).CreateAsync("test", "record", new NamedArgs("warm-up"));
        await WaitForStatusAsync(api, warmUp.Id, TaskState.Completed, TimeSpan.FromSeconds(10));
        await using var connection = await OpenAsync();

        IReadOnlyList<TaskRow> tasks;
        string searchPathBefore, searchPathAfter;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            searchPathBefore = await SearchPathAsync(connection, transaction);
            await InsertOrderAsync(connection, transaction, "order-1");
            var inTransaction = Client(api).InTransaction(transaction);
            var first = await inTransaction.CreateAsync("test", "record", new NamedArgs("committed"));
            var more = await inTransaction.CreateManyAsync([new TaskRequest("test", "record", new NamedArgs("committed-2"))]);
            tasks = [first, .. more];
            searchPathAfter = await SearchPathAsync(connection, transaction);
            // The application's own statements still find its tables.
            await InsertOrderAsync(connection, transaction, "order-2");
            Assert.Null(await Store(api).GetTaskAsync(first.Id, CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(searchPathBefore, searchPathAfter);
        Assert.Equal(2L, await CountOrdersAsync(connection));
        foreach (var task in tasks) await WaitForStatusAsync(api, task.Id, TaskState.Completed, TimeSpan.FromSeconds(10));
        Assert.Contains("committed", worker.Services.GetRequiredService<Journal>().Started);
        Assert.Contains("committed-2", worker.Services.GetRequiredService<Journal>().Started);
    }

    [Fact]
    public async Task CreateInTransaction_WithIdempotencyKey_ReturnsTheLiveTaskOfThatKey()
    {
        var host = await StartNodeAsync(_databases.NewSchema(), o => o.RunEngine = false);
        var existing = await Client(host).CreateAsync("test", "record", new NamedArgs("first"), new TaskOptions { IdempotencyKey = "order-7" });
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var again = await Client(host).InTransaction(transaction).CreateAsync("test", "record", new NamedArgs("second"), new TaskOptions { IdempotencyKey = "order-7" });
        await transaction.CommitAsync();

        Assert.Equal(existing.Id, again.Id);
    }

    private async Task<IHost> StartNodeAsync(string schema, Action<TasklaneOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddTasklane(b => b.UsePostgreSql(PostgreSqlTestDatabases.ConnectionString, schema).AddWorker<TestWorker>())
            .Configure(o =>
            {
                o.ShutdownGrace = TimeSpan.FromSeconds(1);
                configure(o);
            });
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(PostgreSqlTestDatabases.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task InsertOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name)
    {
        // Unqualified, as application code writes it: found through the application's search_path.
        await using var command = new NpgsqlCommand($"INSERT INTO {_orders} (name) VALUES (@name)", connection, transaction);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountOrdersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM public.{_orders}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> SearchPathAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("SHOW search_path", connection, transaction);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static ITaskClient Client(IHost host) => host.Services.GetRequiredService<ITaskClient>();

    private static ITaskStore Store(IHost host) => host.Services.GetRequiredService<ITaskStore>();

    private static Task<TaskRow> WaitForStatusAsync(IHost host, long id, TaskState status, TimeSpan timeout) =>
        Eventually.ValueAsync(async () => (await Store(host).GetTaskAsync(id, CancellationToken.None))!,
            t => t.Status == status, timeout, $"task {id} to be {status}");
}
