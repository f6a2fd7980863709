using Microsoft.Data.Sqlite;
using Tasklane.Sqlite;
using Tasklane.Storage;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>
/// The plans SQLite makes for a list by worker and action: the page and the capped count walk that worker's entries of
/// ix_tasks_list_worker and compare the action in the index (migration 0013), reading no task row to test a match.
/// </summary>
public sealed class SqliteActionListPlanTests : IDisposable
{
    private readonly SqliteTestDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task ListTasks_WorkerAndAction_PageAndCountReadTheWorkerIndexAlone()
    {
        var path = _databases.NewPath();
        await _databases.Open(path).MigrateAsync(CancellationToken.None);
        var sql = TaskListSql.For(new TaskQuery { Worker = "report", Action = "export" }, new SqliteDialect(), 10_000);

        foreach (var text in new[] { sql.PageText, sql.CountText })
        {
            var plan = await PlanAsync(path, text);
            Assert.Contains(plan, step => step.Contains("SEARCH tasks USING COVERING INDEX ix_tasks_list_worker (worker=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("ix_tasks_worker", StringComparison.Ordinal));
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
