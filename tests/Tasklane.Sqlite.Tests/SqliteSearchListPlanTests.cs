using Microsoft.Data.Sqlite;
using Tasklane.Sqlite;
using Tasklane.Storage;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Sqlite;

/// <summary>
/// The plans SQLite makes for a search of the task list: each branch is read through an index and cut to the rows the
/// statement can use. A worker/action pair is walked newest first in ix_tasks_list_worker (for one creator, in that
/// creator's entries of ix_tasks_list_creator), and the error of a failed task is compared in ix_tasks_search_error
/// without reading the row, so no search reads every task of a pair or every failed task.
/// </summary>
public sealed class SqliteSearchListPlanTests : IDisposable
{
    private readonly SqliteTestDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task ListTasks_Search_EachPairWalkedInItsIndexAndErrorsComparedInTheirs()
    {
        var path = _databases.NewPath();
        await _databases.Open(path).MigrateAsync(CancellationToken.None);
        var sql = TaskListSql.For(new TaskQuery { Search = "export" }, new SqliteDialect(), 10_000);

        var page = await PlanAsync(path, sql.PageText);
        var count = await PlanAsync(path, sql.CountText);

        // The page: each pair's newest tasks, one correlated walk of the worker's list index per pair.
        Assert.Contains(page, step => step.Contains("CORRELATED SCALAR SUBQUERY", StringComparison.Ordinal));
        foreach (var plan in new[] { page, count })
        {
            Assert.Contains(plan, step => step.Contains("SEARCH tasks USING COVERING INDEX ix_tasks_list_worker (worker=?)", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("SEARCH tasks USING COVERING INDEX ix_tasks_search_error (status=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => IsScanOfTasks(step) || step.Contains("ix_tasks_ended", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ListTasks_OneCreatorsSearch_PairsReadFromTheCreatorIndexAlone()
    {
        var path = _databases.NewPath();
        await _databases.Open(path).MigrateAsync(CancellationToken.None);
        var sql = TaskListSql.For(new TaskQuery { Search = "export", VisibleTo = 2 }, new SqliteDialect(), 10_000);

        foreach (var text in new[] { sql.PageText, sql.CountText })
        {
            var plan = await PlanAsync(path, text);
            Assert.Contains(plan, step => step.Contains("SEARCH tasks USING COVERING INDEX ix_tasks_list_creator (created_by_id=?)", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("SEARCH tasks USING INDEX ix_tasks_list_creator_status (created_by_id=? AND status=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => IsScanOfTasks(step) || step.Contains("ix_tasks_worker", StringComparison.Ordinal)
                || step.Contains("ix_tasks_ended", StringComparison.Ordinal));
        }
    }

    /// <summary>A step that reads all of tasks or all of one of its indexes (not the FTS5 tables tasks_*_fts).</summary>
    private static bool IsScanOfTasks(string step) => step == "SCAN tasks" || step.StartsWith("SCAN tasks ", StringComparison.Ordinal);

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
