using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tasklane.PostgreSql;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Api;

/// <summary>
/// <c>POST /api/tasks/bulk</c> through the real HTTP pipeline: by ids and by filter, wrong states skipped, another
/// user's tasks neither matched nor changed, the action's permission, bad bodies, and its audit entry. Run on SQLite
/// and on PostgreSQL by the two classes below.
/// </summary>
public abstract class TaskBulkApiTests : IAsyncLifetime
{
    private protected ApiHost Host { get; private set; } = null!;
    private protected HttpClient Admin { get; private set; } = null!;

    /// <summary>The store the host runs on; null for the host's own SQLite file.</summary>
    private protected abstract Task<ITaskStore?> StoreAsync();

    public async Task InitializeAsync()
    {
        var store = await StoreAsync();
        Host = await ApiHost.StartAsync(store: store is null ? null : _ => store);
        Admin = await Host.AdminAsync();
    }

    public virtual async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
    }

    [Fact]
    public async Task ByIds_RetriesTheFailedOnes_SkipsWrongStateMissingAndDuplicates()
    {
        var failed = new List<long>();
        for (var i = 0; i < 3; i++) failed.Add(await ApiHost.CreateTaskAsync(Admin, new { worker = "sleep", action = "fail" }));
        foreach (var id in failed) await ApiHost.WaitForStatusAsync(Admin, id, "failed");
        var later = await LaterAsync(Admin);

        var result = await BulkAsync(Admin, new { action = "retry", ids = failed.Append(later).Append(failed[0]).Append(987_654_321L) });

        // Matched counts the distinct ids given: the pending one and the missing one are skipped.
        Assert.Equal((5, 3, 2), result);
        foreach (var id in failed)
        {
            var logs = await Admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}/logs");
            Assert.Contains("Retried by operator", logs.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
            // Retried, the engine runs it again (woken at once) and it fails again: a second attempt in a fresh budget.
            await ApiHost.WaitForAsync(Admin, id, t => t.GetProperty("status").GetString() == "failed" && t.GetProperty("attempt").GetInt32() == 2);
        }
        Assert.Equal("pending", await StatusAsync(Admin, later));
    }

    [Fact]
    public async Task ByFilter_Cancel_EndsPendingAndStopsRunning_LeavesOtherWorkers()
    {
        var pending = new List<long>();
        for (var i = 0; i < 4; i++) pending.Add(await LaterAsync(Admin));
        var running = await ApiHost.CreateTaskAsync(Admin, new { worker = "sleep", action = "forever" });
        await ApiHost.WaitForStatusAsync(Admin, running, "running");
        var other = await ApiHost.CreateTaskAsync(Admin, new { worker = "demo", action = "sleep", data = new { seconds = 1 }, run_at = DateTimeOffset.UtcNow.AddDays(1) });

        var result = await BulkAsync(Admin, new { action = "cancel", filter = new { worker = "sleep" } });

        Assert.Equal((5, 5, 0), result);
        foreach (var id in pending) Assert.Equal("cancelled", await StatusAsync(Admin, id));
        await ApiHost.WaitForStatusAsync(Admin, running, "cancelled");
        Assert.Equal("pending", await StatusAsync(Admin, other));

        // Again: nothing left to cancel; every match is skipped.
        Assert.Equal((5, 0, 5), await BulkAsync(Admin, new { action = "cancel", filter = new { worker = "sleep" } }));
    }

    [Fact]
    public async Task ByFilter_ExecuteThenDelete_RunsDueLaterTasksAndRemovesFinishedOnes()
    {
        var later = new List<long>();
        for (var i = 0; i < 3; i++) later.Add(await LaterAsync(Admin));
        var running = await ApiHost.CreateTaskAsync(Admin, new { worker = "sleep", action = "forever" });
        await ApiHost.WaitForStatusAsync(Admin, running, "running");

        Assert.Equal((3, 3, 0), await BulkAsync(Admin, new { action = "execute", filter = new { worker = "sleep", status = "pending" } }));
        foreach (var id in later) await ApiHost.WaitForStatusAsync(Admin, id, "completed");

        // A running task is not deleted: skipped.
        Assert.Equal((4, 3, 1), await BulkAsync(Admin, new { action = "delete", filter = new { worker = "sleep", page_size = 1, current = 2 } }));
        foreach (var id in later) Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/tasks/{id}")).StatusCode);
        Assert.Equal("running", await StatusAsync(Admin, running));
        await Admin.PostAsync($"/api/tasks/{running}/cancel", null);
    }

    [Fact]
    public async Task AnotherUsersTasks_AreNeitherMatchedNorChanged_ByFilterOrById()
    {
        using var operatorClient = await Host.UserAsync("bulk-operator", Permissions.OperatorRole);
        var mine = new[] { await LaterAsync(operatorClient), await LaterAsync(operatorClient) };
        var admins = new[] { await LaterAsync(Admin), await LaterAsync(Admin), await LaterAsync(Admin) };

        // By filter: only the operator's own two exist for it, in the counts too.
        Assert.Equal((2, 2, 0), await BulkAsync(operatorClient, new { action = "cancel", filter = new { status = "pending" } }));
        // By id: the admin's ids are skipped, indistinguishable from missing ones.
        Assert.Equal((3, 0, 3), await BulkAsync(operatorClient, new { action = "delete", ids = admins }));
        Assert.Equal((3, 0, 3), await BulkAsync(operatorClient, new { action = "cancel", ids = admins }));

        foreach (var id in mine) Assert.Equal("cancelled", await StatusAsync(Admin, id));
        foreach (var id in admins) Assert.Equal("pending", await StatusAsync(Admin, id));
    }

    [Fact]
    public async Task WithoutTheActionsPermission_Returns403AndChangesNothing()
    {
        var later = await LaterAsync(Admin);
        using var viewer = await Host.UserAsync("bulk-viewer", Permissions.ViewerRole);
        var role = await Admin.PostAsJsonAsync("/api/roles", new { name = "bulk-canceller", permissions = new[] { Permissions.TaskList, Permissions.TaskCancel } });
        Assert.Equal(HttpStatusCode.Created, role.StatusCode);
        using var canceller = await Host.UserAsync("bulk-canceller-user", "bulk-canceller");

        foreach (var action in new[] { "retry", "cancel", "delete", "execute" })
        {
            var response = await viewer.PostAsJsonAsync("/api/tasks/bulk", new { action, ids = new[] { later } });
            await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden);
        }
        await ProblemAssert.IsAsync(await canceller.PostAsJsonAsync("/api/tasks/bulk", new { action = "delete", filter = new { } }), HttpStatusCode.Forbidden);
        Assert.Equal((0, 0, 0), await BulkAsync(canceller, new { action = "cancel", filter = new { } }));
        Assert.Equal("pending", await StatusAsync(Admin, later));
    }

    [Theory]
    [InlineData("""{"action":"explode","ids":[1]}""", "action")]
    [InlineData("""{"ids":[1]}""", "action")]
    [InlineData("""{"action":"retry"}""", "body")]
    [InlineData("""{"action":"retry","ids":[1],"filter":{}}""", "body")]
    [InlineData("""{"action":"retry","ids":[]}""", "ids")]
    [InlineData("""{"action":"retry","ids":[3,0]}""", "ids[1]")]
    [InlineData("""{"action":"retry","ids":["x"]}""", "ids[0]")]
    [InlineData("""{"action":"retry","filter":{"colour":"red"}}""", "filter.colour")]
    [InlineData("""{"action":"retry","filter":{"status":"nope"}}""", "filter.status")]
    [InlineData("""{"action":"retry","filter":{"id":"x"}}""", "filter.id")]
    [InlineData("""{"action":"retry","filter":{"worker":["a"]}}""", "filter.worker")]
    [InlineData("""{"action":"retry","filter":[1]}""", "filter")]
    public async Task BadBody_Returns400NamingTheField(string json, string field)
    {
        var response = await Admin.PostAsync("/api/tasks/bulk", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task TooManyIds_Returns400()
    {
        var response = await Admin.PostAsJsonAsync("/api/tasks/bulk", new { action = "delete", ids = Enumerable.Range(1, TaskBulkParams.MaxIds + 1) });

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "ids");
    }

    [Fact]
    public async Task EachCall_WritesOneAuditEntryWithItsCounts()
    {
        await LaterAsync(Admin);
        await LaterAsync(Admin);

        Assert.Equal((2, 2, 0), await BulkAsync(Admin, new { action = "execute", filter = new { worker = "sleep", status = "pending" } }));
        Assert.Equal((1, 0, 1), await BulkAsync(Admin, new { action = "retry", ids = new[] { 5_000_000L } }));

        var page = await Admin.GetFromJsonAsync<JsonElement>("/api/audit?action=task.bulk");
        var entries = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        var byFilter = entries.Single(e => e.GetProperty("details").GetProperty("action").GetString() == "execute").GetProperty("details");
        Assert.Equal(2, byFilter.GetProperty("matched").GetInt64());
        Assert.Equal(2, byFilter.GetProperty("changed").GetInt64());
        Assert.Equal(0, byFilter.GetProperty("skipped").GetInt64());
        Assert.Equal("pending", byFilter.GetProperty("filter").GetProperty("status").GetString());
        var byIds = entries.Single(e => e.GetProperty("details").GetProperty("action").GetString() == "retry").GetProperty("details");
        Assert.Equal(1, byIds.GetProperty("ids").GetInt32());
        Assert.Equal(1, byIds.GetProperty("skipped").GetInt64());
        Assert.All(entries, e => Assert.Equal("admin", e.GetProperty("actor").GetProperty("username").GetString()));
    }

    /// <summary>A task of the sleep worker due tomorrow: pending until something runs it.</summary>
    private protected static Task<long> LaterAsync(HttpClient client) =>
        ApiHost.CreateTaskAsync(client, new { worker = "sleep", action = "nap", data = new { seconds = 0 }, run_at = DateTimeOffset.UtcNow.AddDays(1) });

    /// <summary>
    /// 100,000 failed tasks retried, cancelled and deleted by filter through the API: every one counted, the one task
    /// outside the filter left alone, the counters right afterwards. The bench's <c>bulk</c> scenario times the same.
    /// </summary>
    [Fact]
    public async Task HundredThousandTasks_RetryCancelAndDeleteByFilter_CountEveryOne()
    {
        const int count = 100_000;
        await SeedFailedAsync(count);
        var mine = await LaterAsync(Admin);

        Assert.Equal((count, count, 0), await BulkAsync(Admin, new { action = "retry", filter = new { worker = "ghost", status = "failed" } }));
        var pending = await Admin.GetFromJsonAsync<JsonElement>("/api/tasks?worker=ghost&status=pending&page_size=1");
        Assert.True(pending.GetProperty("total_capped").GetBoolean());
        Assert.Equal((count, count, 0), await BulkAsync(Admin, new { action = "cancel", filter = new { worker = "ghost" } }));
        Assert.Equal((count, count, 0), await BulkAsync(Admin, new { action = "delete", filter = new { worker = "ghost", status = "cancelled" } }));

        Assert.Equal(0, (await Admin.GetFromJsonAsync<JsonElement>("/api/tasks?worker=ghost&page_size=1")).GetProperty("total").GetInt64());
        Assert.Equal("pending", (await Admin.GetFromJsonAsync<JsonElement>($"/api/tasks/{mine}")).GetProperty("status").GetString());
        var counts = await Host.Store.CountByStatusAsync(null, CancellationToken.None);
        Assert.Equal(1, counts[TaskState.Pending]);
        Assert.Equal(0, counts[TaskState.Failed] + counts[TaskState.Cancelled]);
    }

    /// <summary>Inserts <paramref name="count"/> failed tasks of worker <c>ghost</c> (which no node runs) straight into the store's table, its triggers keeping the counters.</summary>
    private protected abstract Task SeedFailedAsync(int count);

    private protected static async Task<(long Matched, long Changed, long Skipped)> BulkAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/tasks/bulk", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["matched", "changed", "skipped"], json.EnumerateObject().Select(p => p.Name));
        return (json.GetProperty("matched").GetInt64(), json.GetProperty("changed").GetInt64(), json.GetProperty("skipped").GetInt64());
    }

    private static async Task<string?> StatusAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}")).GetProperty("status").GetString();
}

/// <summary>The bulk API on the host's SQLite file.</summary>
public sealed class TaskBulkSqliteApiTests : TaskBulkApiTests
{
    private protected override Task<ITaskStore?> StoreAsync() => Task.FromResult<ITaskStore?>(null);

    /// <summary>
    /// Failed tasks of a worker no node runs (nothing claims them once retried), in one INSERT ... SELECT on the host's
    /// SQLite file: the store's triggers keep the counters and the text index, as for any insert.
    /// </summary>
    private protected override async Task SeedFailedAsync(int count)
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Host.DatabasePath};Default Timeout=60");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO tasks (worker, action, data, queue, status, attempt, max_attempts, run_at, category, error, created_at, updated_at, started_at, ended_at)
            SELECT 'ghost', 'haunt', '{}', 'default', 'failed', 1, 1, $at, 'system', 'boo', $at, $at, $at, $at FROM n;
            """;
        insert.Parameters.AddWithValue("$count", count);
        insert.Parameters.AddWithValue("$at", at);
        Assert.Equal(count, await insert.ExecuteNonQueryAsync());
    }
}

/// <summary>The bulk API on a PostgreSQL schema of its own (TASKLANE_TEST_POSTGRES).</summary>
public sealed class TaskBulkPostgreSqlApiTests : TaskBulkApiTests
{
    private readonly PostgreSqlTestDatabases _databases = new();
    private string? _schema;

    private protected override Task<ITaskStore?> StoreAsync()
    {
        _schema = _databases.NewSchema();
        return Task.FromResult<ITaskStore?>(new PostgreSqlTaskStore(PostgreSqlTestDatabases.ConnectionString, _schema));
    }

    /// <summary>Failed tasks of a worker no node runs, in one INSERT ... SELECT in the test's schema: the store's triggers keep the counters.</summary>
    private protected override async Task SeedFailedAsync(int count)
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgreSqlTestDatabases.ConnectionString);
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandTimeout = 300;
        insert.CommandText = $$"""
            INSERT INTO "{{_schema}}".tasks (worker, action, data, queue, status, attempt, max_attempts, run_at, category, error, created_at, updated_at, started_at, ended_at)
            SELECT 'ghost', 'haunt', '{}', 'default', 'failed', 1, 1, @at, 'system', 'boo', @at, @at, @at, @at FROM generate_series(1, @count);
            """;
        insert.Parameters.AddWithValue("count", count);
        insert.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(count, await insert.ExecuteNonQueryAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _databases.DisposeAsync();
    }
}
