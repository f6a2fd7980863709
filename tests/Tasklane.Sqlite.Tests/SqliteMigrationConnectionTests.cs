using Microsoft.Data.Sqlite;
using Tasklane.Conformance;
using Tasklane.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>
/// The connection that applied the migrations is not the one the writer keeps: in the bundled SQLite (3.53), a
/// connection that has run <c>DROP TRIGGER</c> on <c>tasks</c> (migration 0011) failed its next statement on
/// <c>tasks</c> with "no such table: tasks" once another connection (the application's, on the same file) had changed
/// the schema.
/// </summary>
public sealed class SqliteMigrationConnectionTests : IDisposable
{
    private static CancellationToken Ct => CancellationToken.None;

    private static readonly DateTimeOffset At = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task Create_AfterTheApplicationChangedTheSchemaOfAFreshStore_Succeeds()
    {
        var path = _databases.NewPath();
        var store = _databases.Open(path);
        await store.MigrateAsync(Ct);

        await ExecAsync(path, "CREATE TABLE orders (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

        var created = await store.CreateTaskAsync(NewTask(), Ct);
        Assert.NotNull(await store.GetTaskAsync(created.Task.Id, Ct));
    }

    [Fact]
    public async Task Create_AfterTheApplicationChangedTheSchemaOfAStoreMigratedFrom10_Succeeds()
    {
        var path = _databases.NewPath();
        await using (var connection = await OpenAsync(path))
        {
            await ExecAsync(connection, SqlResources.Get("migrations_prepare"));
            foreach (var migration in SqlResources.Migrations().Where(m => m.Version <= 10))
            {
                await ExecAsync(connection, migration.Sql);
                await ExecAsync(connection, $"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', 0)");
            }
        }
        var store = _databases.Open(path);
        await store.MigrateAsync(Ct);

        await ExecAsync(path, "CREATE TABLE orders (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

        var created = await store.CreateTaskAsync(NewTask(), Ct);
        Assert.NotNull(await store.GetTaskAsync(created.Task.Id, Ct));
    }

    private static CreateTaskParams NewTask() => new()
    {
        Worker = "product",
        Action = "import",
        Data = "{}",
        Queue = "default",
        MaxAttempts = 1,
        RunAt = At,
        Now = At,
        LogMessage = "Created",
    };

    private static async Task ExecAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await ExecAsync(connection, sql);
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, "PRAGMA busy_timeout = 5000;");
        return connection;
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
