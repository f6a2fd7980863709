using Microsoft.Data.Sqlite;
using Tasklane.Conformance;
using Tasklane.Sqlite;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>
/// Migration 0011 (less SQL work per write): a store migrated from version 10 with tasks in it keeps its counters,
/// search hits and log lines; search still finds worker, action, message, data and error substrings, of live tasks
/// only; the user filter still compares the name of each task.
/// </summary>
public sealed class SqliteSlimWritesTests : TaskStoreConformanceBase, IDisposable
{
    private readonly SqliteTestDatabases _databases = new();

    protected override async Task<ITaskStore> CreateStoreAsync() => await _databases.CreateAsync();

    protected override ITaskStore OpenSecondHandle(ITaskStore store) => _databases.OpenSecond(store);

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task Migrate_From10WithTasks_CountersSearchAndLogsKept()
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
            var at = T0.ToUnixTimeMilliseconds();
            await ExecAsync(connection, $"""
                INSERT INTO tasks (worker, action, data, status, message, error, run_at, created_at, updated_at, created_by_id, created_by_name, ended_at, started_at)
                VALUES ('report', 'export_pdf', '{"{}"}', 'pending', NULL, NULL, {at}, {at}, {at}, 7, 'Alice', NULL, NULL),
                       ('mail', 'send', '{"{\"to\":\"zoe@example.org\"}"}', 'running', 'Sending batch 4', NULL, {at}, {at}, {at}, 7, 'Alice', NULL, {at}),
                       ('mail', 'send', '{"{}"}', 'failed', NULL, 'SMTP refused the relay', {at}, {at + 3_600_000}, {at}, 8, 'Bob', {at + 60_000}, {at}),
                       ('product', 'import', '{"{}"}', 'completed', 'All rows read', NULL, {at}, {at}, {at}, NULL, NULL, {at + 5_000}, {at});
                INSERT INTO task_logs (task_id, at, level, message, status) SELECT id, {at}, 'info', 'Created', status FROM tasks;
                """);
        }

        var store = _databases.Open(path);
        await store.MigrateAsync(Ct);

        async Task<string[]> Search(string search) =>
            [.. (await store.ListTasksAsync(new TaskQuery { Search = search }, Ct)).Items.Select(t => t.Worker + "/" + t.Action).Order()];
        Assert.Equal(["report/export_pdf"], await Search("PORT_P"));
        Assert.Equal(["mail/send", "mail/send"], await Search("mai"));
        Assert.Equal(["mail/send"], await Search("batch 4"));
        Assert.Equal(["mail/send"], await Search("zoe@exa"));
        Assert.Equal(["mail/send"], await Search("refused"));
        Assert.Equal(["product/import"], await Search("rows read"));
        Assert.Empty(await Search("nothing like it"));

        var list = (await store.ListTasksAsync(new TaskQuery { PageSize = 100 }, Ct)).Items;
        var byStatus = await store.CountByStatusAsync(null, Ct);
        foreach (var state in Enum.GetValues<TaskState>()) Assert.Equal(list.Count(t => t.Status == state), byStatus[state]);
        Assert.Equal(1, (await store.CountByStatusAsync(8, Ct))[TaskState.Failed]);

        Assert.Equal(["Created"], (await LogsAsync(store, 1)).Select(l => l.Message));
        // A task created after the migration is found, of a pair seen before and of a new pair.
        await CreateAsync(store, NewTask());
        await CreateAsync(store, NewTask("video", "transcode"));
        Assert.Equal(["video/transcode"], await Search("NSCOD"));
        Assert.Equal(["product/import", "product/import", "report/export_pdf"], await Search("port"));
    }

    [Fact]
    public async Task Search_WorkerOrActionOfDeletedOrCompletedTasks_OnlyLiveTasksFound()
    {
        var store = await CreateStoreAsync();
        var gone = await CreateAsync(store, NewTask("mail", "archive_zip", runAt: T0.AddDays(1)));
        await store.DeleteAsync(gone.Id, T0, Ct);
        var done = await CreateRunningAsync(store, NewTask("mail", "archive_upload"));
        await store.CompleteAsync([NewOutcome(done, TaskState.Completed)], Ct);

        async Task<long[]> Ids(string search) => [.. (await store.ListTasksAsync(new TaskQuery { Search = search }, Ct)).Items.Select(t => t.Id)];
        Assert.Empty(await Ids("ve_zi"));
        Assert.Equal([done.Id], await Ids("archiv"));
        Assert.Equal([done.Id], await Ids("PLOA"));
        var page = await store.ListTasksAsync(new TaskQuery { Search = "archive", VisibleTo = 8 }, Ct);
        Assert.Equal(1, (await store.ListTasksAsync(new TaskQuery { Search = "archive", VisibleTo = 7 }, Ct)).Total);
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task ListTasks_UserFilter_ComparesTheNameOfEachTaskNotOnlyTheCreator()
    {
        var store = await CreateStoreAsync();
        var before = await CreateAsync(store, NewTask() with { CreatedById = 7, CreatedByName = "Alice" });
        var after = await CreateAsync(store, NewTask() with { CreatedById = 7, CreatedByName = "Alicia Renamed" });
        var other = await CreateAsync(store, NewTask() with { CreatedById = 9, CreatedByName = "Malice" });
        await CreateAsync(store, NewTask() with { CreatedById = null, CreatedByName = null });

        async Task<long[]> Ids(string user) => [.. (await store.ListTasksAsync(new TaskQuery { User = user }, Ct)).Items.Select(t => t.Id)];
        Assert.Equal([other.Id, before.Id], await Ids("alice"));
        Assert.Equal([after.Id], await Ids("renamed"));
        Assert.Equal([other.Id, after.Id, before.Id], await Ids("ali"));
        Assert.Equal(2, (await store.ListTasksAsync(new TaskQuery { User = "alice" }, Ct)).Total);
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        return connection;
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<long>> ScalarsAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetInt64(0));
        return values;
    }
}
