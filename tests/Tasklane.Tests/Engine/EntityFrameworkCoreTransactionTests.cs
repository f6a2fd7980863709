using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tasklane.EntityFrameworkCore;
using Tasklane.PostgreSql;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Engine;

/// <summary>Tasks created inside an EF Core DbContext's current transaction, on a real SQLite file and a real PostgreSQL server.</summary>
public sealed class EntityFrameworkCoreTransactionTests : IAsyncLifetime
{
    private const string OrdersTable = "tasklane_ef_orders";
    private readonly PostgreSqlTestDatabases _databases = new();
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
        await _databases.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateInDbContextTransaction_OnSqlite_ExistsExactlyWhenTheChangesCommit(bool commit)
    {
        await using var engine = await EngineHost.StartAsync();
        var options = new DbContextOptionsBuilder<OrdersContext>().UseSqlite($"Data Source={engine.DatabasePath}").Options;
        await using var context = new OrdersContext(options);
        await context.Database.ExecuteSqlRawAsync($"CREATE TABLE IF NOT EXISTS {OrdersTable} (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

        var task = await PlaceOrderAsync(context, engine.Client, "ef-sqlite", commit);

        await AssertOutcomeAsync(context, engine.Client, engine.Store, engine.Journal, task, "ef-sqlite", commit);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateInDbContextTransaction_OnPostgreSql_ExistsExactlyWhenTheChangesCommit(bool commit)
    {
        var host = await StartPostgreSqlNodeAsync(_databases.NewSchema());
        var options = new DbContextOptionsBuilder<OrdersContext>().UseNpgsql(PostgreSqlTestDatabases.ConnectionString).Options;
        await using var context = new OrdersContext(options);
        await context.Database.ExecuteSqlRawAsync($"CREATE TABLE IF NOT EXISTS public.{OrdersTable} (id bigserial PRIMARY KEY, name text NOT NULL)");
        var name = $"ef-pg-{Guid.NewGuid():N}";
        var client = host.Services.GetRequiredService<ITaskClient>();

        var task = await PlaceOrderAsync(context, client, name, commit);

        await AssertOutcomeAsync(context, client, host.Services.GetRequiredService<ITaskStore>(), host.Services.GetRequiredService<Journal>(), task, name, commit);
    }

    [Fact]
    public async Task InTransaction_DbContextWithoutATransaction_IsRefused()
    {
        await using var engine = await EngineHost.StartAsync(o => o.RunEngine = false);
        await using var context = new OrdersContext(new DbContextOptionsBuilder<OrdersContext>().UseSqlite($"Data Source={engine.DatabasePath}").Options);

        var refused = Assert.Throws<InvalidOperationException>(() => engine.Client.InTransaction(context));

        Assert.Contains("BeginTransactionAsync", refused.Message);
    }

    private static async Task<TaskRow> PlaceOrderAsync(OrdersContext context, ITaskClient tasks, string name, bool commit)
    {
        await using var transaction = await context.Database.BeginTransactionAsync();
        context.Orders.Add(new Order { Name = name });
        await context.SaveChangesAsync();
        var task = await tasks.InTransaction(context).CreateAsync("test", "record", new NamedArgs(name));
        if (commit) await transaction.CommitAsync();
        else await transaction.RollbackAsync();
        return task;
    }

    private static async Task AssertOutcomeAsync(OrdersContext context, ITaskClient tasks, ITaskStore store, Journal journal, TaskRow task, string name, bool commit)
    {
        Assert.Equal(commit ? 1 : 0, await context.Orders.CountAsync(o => o.Name == name));
        if (commit)
        {
            await Eventually.ValueAsync(async () => (await store.GetTaskAsync(task.Id, CancellationToken.None))?.Status, s => s == TaskState.Completed,
                because: $"task {task.Id} to complete");
            return;
        }
        Assert.Null(await store.GetTaskAsync(task.Id, CancellationToken.None));
        var after = await tasks.CreateAsync("test", "record", new NamedArgs(name + "-after"));
        await Eventually.ValueAsync(async () => (await store.GetTaskAsync(after.Id, CancellationToken.None))?.Status, s => s == TaskState.Completed,
            because: "a later task to complete");
        Assert.DoesNotContain(name, journal.Started);
    }

    private async Task<IHost> StartPostgreSqlNodeAsync(string schema)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Journal>();
        builder.Services.AddTasklane(b => b.UsePostgreSql(PostgreSqlTestDatabases.ConnectionString, schema).AddWorker<TestWorker>())
            .Configure(o => o.ShutdownGrace = TimeSpan.FromSeconds(1));
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    public sealed class Order
    {
        public long Id { get; set; }

        public required string Name { get; set; }
    }

    public sealed class OrdersContext(DbContextOptions<OrdersContext> options) : DbContext(options)
    {
        public DbSet<Order> Orders => Set<Order>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            var order = modelBuilder.Entity<Order>();
            order.ToTable(OrdersTable);
            order.Property(o => o.Id).HasColumnName("id");
            order.Property(o => o.Name).HasColumnName("name");
        }
    }
}
