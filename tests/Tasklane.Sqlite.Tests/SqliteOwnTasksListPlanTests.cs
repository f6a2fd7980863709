using Microsoft.Data.Sqlite;
using Tasklane.Sqlite;
using Tasklane.Storage;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>
/// The plans SQLite makes for one creator's list (per-user visibility): each filter is read from the creator index
/// alone, not by walking every task of a worker, queue or day and looking up each row's creator.
/// </summary>
public sealed class SqliteOwnTasksListPlanTests : IDisposable
{
    private readonly SqliteTestDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    public static TheoryData<string> Filters() => ["worker", "action", "queue", "from", "to", "range", "user"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListTasks_OneCreatorWithFilter_PageAndCountReadTheCreatorIndexAlone(string filter)
    {
        var path = _databases.NewPath();
        await _databases.Open(path).MigrateAsync(CancellationToken.None);
        var t0 = DateTimeOffset.UnixEpoch.AddYears(56);
        var query = new TaskQuery { VisibleTo = 2 } with
        {
            Worker = filter is "worker" or "action" ? "report" : null,
            Action = filter == "action" ? "export" : null,
            Queue = filter == "queue" ? "emails" : null,
            From = filter is "from" or "range" ? t0 : null,
            To = filter is "to" or "range" ? t0.AddDays(1) : null,
            User = filter == "user" ? "oper" : null,
        };
        var sql = TaskListSql.For(query, new SqliteDialect(), 10_000);

        foreach (var text in new[] { sql.PageText, sql.CountText })
        {
            var plan = await PlanAsync(path, text);
            Assert.Contains(plan, step => step.Contains("USING COVERING INDEX ix_tasks_list_creator (created_by_id=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("ix_tasks_worker", StringComparison.Ordinal) || step.Contains("ix_tasks_list_queue", StringComparison.Ordinal)
                || step.Contains("ix_tasks_created_at", StringComparison.Ordinal) || step.Contains("ix_tasks_list_worker", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> PlanAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
        return steps;
    }
}
