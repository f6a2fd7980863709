using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tasklane.Tests.EndToEnd;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Proofs;

/// <summary>
/// Crash loop on PostgreSQL (issue 10): two real <c>tasklane serve --postgres</c> nodes; one is SIGKILLed and started
/// again every few seconds while the tasks are created and run. Every task completes, and none runs twice except those
/// in flight at a kill. An execution is recorded twice over: the claim writes "Started attempt N on node X" in the same
/// statement that takes the task, and the demo <c>echo</c> worker logs its message from the worker's own code. A task
/// with more than one start must have had each earlier start on a node that was killed afterwards; a task whose worker
/// logged more than once must have had its earlier run on a killed node too.
/// CI form: 2,000 tasks; full form: <c>TASKLANE_CRASH_TASKS=10000</c> (docs/reliability.md).
/// </summary>
[Collection("Processes")]
public sealed class CrashLoopTests
{
    [Fact]
    public async Task Serve_TwoNodesOneKilledEveryFewSeconds_EveryTaskCompletesOnlyInFlightOnesRunTwice()
    {
        var count = Environment.GetEnvironmentVariable("TASKLANE_CRASH_TASKS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 2000;
        await using var databases = new PostgreSqlTestDatabases();
        using var directory = new TempDirectory();
        var schema = databases.NewSchema();
        string[] postgres = ["--postgres", PostgreSqlTestDatabases.ConnectionString, "--postgres-schema", schema];

        await using var steady = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        await steady.SignInAsync();
        var settings = await steady.Http.GetFromJsonAsync<JsonObject>("api/system/task-settings");
        settings!["lease_seconds"] = 5;
        (await steady.Http.PutAsJsonAsync("api/system/task-settings", settings)).EnsureSuccessStatusCode();

        var killedNodes = new List<string>();
        ServeProcess? crashing = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
        using var stop = new CancellationTokenSource();
        var created = 0;
        var loop = Task.Run(async () =>
        {
            // Kill every 3 s (after the node has started and taken work), start again, until every task is created
            // and at least three kills have happened.
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                var id = await NodeIdAsync(steady, crashing!.ProcessId);
                crashing.Kill();
                await crashing.DisposeAsync();
                crashing = null;
                if (id is not null) lock (killedNodes) killedNodes.Add(id);
                if (Volatile.Read(ref created) >= count && killedNodes.Count >= 3) break;
                crashing = await ServeProcess.StartAsync(directory.DatabasePath, postgres);
            }
        });
        try
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
            {
                var response = await steady.Http.PostAsJsonAsync("api/tasks",
                    new { worker = "demo", action = "echo", data = new { message = "ran" } }, cancellationToken);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref created);
                if (i % 50 == 0) await Task.Delay(100, cancellationToken); // spread the run over several kills
            });
            await loop;
        }
        finally
        {
            await stop.CancelAsync();
            if (crashing is not null) await crashing.DisposeAsync();
        }
        Assert.True(killedNodes.Count >= 3, $"only {killedNodes.Count} kills");

        await Eventually.ValueAsync(() => TotalAsync(steady, "completed"), total => total == count, TimeSpan.FromSeconds(180),
            "every task to complete");
        foreach (var status in new[] { "running", "failed", "pending", "cancelled" }) Assert.Equal(0, await TotalAsync(steady, status));

        // Every start but the last of a task was on a node killed afterwards; so was every worker run but the last.
        var killed = string.Join(',', killedNodes.Select(k => "'" + k + "'"));
        var starts = await PostgreSqlTestDatabases.QueryAsync($"""
            SELECT count(*) FROM (
              SELECT l.task_id, l.message, row_number() OVER (PARTITION BY l.task_id ORDER BY l.id DESC) AS back
              FROM "{schema}".task_logs l WHERE l.message LIKE 'Started attempt % on node %') s
            WHERE s.back > 1 AND substring(s.message from ' on node (.*)$') NOT IN ({killed})
            """);
        Assert.Equal(0L, Convert.ToInt64(starts.Single(), CultureInfo.InvariantCulture));
        var runs = await PostgreSqlTestDatabases.QueryAsync($"""
            SELECT count(*) FROM "{schema}".tasks t
            WHERE (SELECT count(*) FROM "{schema}".task_logs l WHERE l.task_id = t.id AND l.message = 'ran') > 1
              AND NOT EXISTS (SELECT 1 FROM "{schema}".task_logs l WHERE l.task_id = t.id AND l.message LIKE 'Started attempt % on node %'
                              AND substring(l.message from ' on node (.*)$') IN ({killed}))
            """);
        Assert.Equal(0L, Convert.ToInt64(runs.Single(), CultureInfo.InvariantCulture));
        var twice = await PostgreSqlTestDatabases.QueryAsync($"""SELECT count(*) FROM "{schema}".tasks WHERE attempt > 1""");
        var ranOnce = await PostgreSqlTestDatabases.QueryAsync($"""
            SELECT count(*) FROM "{schema}".tasks t WHERE t.parent_id IS NULL
              AND (SELECT count(*) FROM "{schema}".task_logs l WHERE l.task_id = t.id AND l.message = 'ran') >= 1
            """);
        // The worker's own record: every completed task logged its message at least once (the logs of a run are
        // written with its outcome), so the check above looked at real runs.
        Assert.Equal((long)count, Convert.ToInt64(ranOnce.Single(), CultureInfo.InvariantCulture));
        Assert.InRange(Convert.ToInt64(twice.Single(), CultureInfo.InvariantCulture), 0, count / 4);
    }

    private static async Task<string?> NodeIdAsync(ServeProcess steady, int pid)
    {
        var nodes = (await steady.Http.GetFromJsonAsync<JsonObject>("api/nodes"))!["items"]!.AsArray();
        return (string?)nodes.FirstOrDefault(n => (int)n!["pid"]! == pid)?["id"];
    }

    private static async Task<long> TotalAsync(ServeProcess node, string status) =>
        (long)(await node.Http.GetFromJsonAsync<JsonObject>($"api/tasks?status={status}&page_size=1"))!["total"]!;
}
