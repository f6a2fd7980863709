using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>Several real <c>tasklane serve --postgres</c> processes sharing one PostgreSQL schema.</summary>
[Collection("Processes")]
public sealed class PostgreSqlScaleOutTests
{
    private const int TaskCount = 1500;

    [Fact]
    public async Task Serve_ThreeNodesOneKilledMidRun_EveryTaskCompletes()
    {
        await using var databases = new PostgreSqlTestDatabases();
        using var directory = new TempDirectory();
        var schema = databases.NewSchema();
        string[] postgres = ["--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", schema];

        // The first node migrates the schema and creates the admin; the others join it.
        await using var a = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await a.SignInAsync();
        var settings = await a.Http.GetFromJsonAsync<JsonObject>("api/system/task-settings");
        settings!["lease_seconds"] = 5;
        (await a.Http.PutAsJsonAsync("api/system/task-settings", settings)).EnsureSuccessStatusCode();
        await using var b = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await using var c = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        var nodes = (await a.Http.GetFromJsonAsync<JsonObject>("api/nodes"))!["items"]!.AsArray();
        var killedNode = (string)nodes.Single(n => (int)n!["pid"]! == b.ProcessId)!["id"]!;

        var created = 0;
        var killed = 0;
        await Parallel.ForAsync(0, TaskCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellationToken) =>
        {
            var response = await a.Http.PostAsJsonAsync("api/tasks", new { worker = "demo", action = "noop" }, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            if (Interlocked.Increment(ref created) != TaskCount / 3) return;
            b.Kill(); // SIGKILL while tasks are still arriving: whatever it held is rescued when its leases expire
            Volatile.Write(ref killed, 1);
        });
        Assert.Equal(1, Volatile.Read(ref killed));

        await Eventually.ValueAsync(() => TotalAsync(a, "completed"), total => total == TaskCount, TimeSpan.FromSeconds(120),
            "every task to complete on the surviving nodes");
        Assert.Equal(0, await TotalAsync(a, "running"));
        Assert.Equal(0, await TotalAsync(a, "failed"));
        Assert.Equal(0, await TotalAsync(a, "pending"));
        await c.SignInAsync();
        Assert.Equal(TaskCount, await TotalAsync(c, "completed"));

        // Only the killed node's in-flight tasks ran twice: every task with a second attempt had its first on that node.
        await using var connection = new Npgsql.NpgsqlConnection(PostgreSqlTestDatabases.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"""
            SELECT count(*) FILTER (WHERE attempt > 1),
                   count(*) FILTER (WHERE attempt > 1 AND NOT EXISTS (
                       SELECT 1 FROM "{schema}".task_logs l WHERE l.task_id = t.id AND l.message = 'Started attempt 1 on node ' || @node))
            FROM "{schema}".tasks t
            """, connection);
        command.Parameters.AddWithValue("node", killedNode);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (rerun, rerunElsewhere) = (reader.GetInt64(0), reader.GetInt64(1));
        Assert.Equal(0, rerunElsewhere);
        Assert.InRange(rerun, 0, 50);
    }

    private static async Task<long> TotalAsync(ServeProcess node, string status) =>
        (long)(await node.Http.GetFromJsonAsync<JsonObject>($"api/tasks?status={status}&page_size=1"))!["total"]!;
}
