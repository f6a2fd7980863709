using Microsoft.Data.Sqlite;
using Tasklane.Conformance;
using Tasklane.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>
/// A store whose writer read the schema (it ran the migrations) and whose file the application then changed on its own
/// connection: the writer's next create still succeeds. In the bundled SQLite (3.53) the writer's stale copy of the
/// schema was found stale in the middle of preparing the insert (when a trigger's FTS5 table was first connected) and
/// the insert failed with "no such table: tasks"; the writer now checks the schema first in each group
/// (schema_check.sql). Migration 0011 made an insert hit it.
/// </summary>
public sealed class SqliteWriterSchemaChangeTests : IDisposable
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
