using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tasklane.Tests.EndToEnd;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Proofs;

/// <summary>
/// Soak (issue 10): many tasks through one real <c>tasklane serve</c> (SQLite), created in batches of 1,000 while they
/// run. Resident memory (<c>VmRSS</c> of /proc/PID/status) and open file handles (/proc/PID/fd) are sampled after each
/// batch. Flat means: the largest sample of the last quarter of the run is at most the largest of the second quarter
/// plus 25 % (and 24 MB of slack) for memory, plus 16 handles for files. The first quarter is warm-up (JIT, caches, pools).
/// CI form: 20,000 tasks; full form: <c>scripts/soak.sh</c> (1,000,000 tasks). <c>TASKLANE_SOAK_REPORT</c> names a file
/// that receives the samples and the summary (docs/reliability.md).
/// </summary>
[Collection("Processes")]
public sealed class SoakTests
{
    private const int Batch = 1000;

    [Fact]
    public async Task Serve_ManyTasks_MemoryAndFileHandlesStayFlat()
    {
        var count = Environment.GetEnvironmentVariable("TASKLANE_SOAK_TASKS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 20_000;
        var report = Environment.GetEnvironmentVariable("TASKLANE_SOAK_REPORT");
        Assert.True(count >= 8 * Batch, "the soak needs at least 8 batches to compare its quarters");
        using var directory = new TempDirectory();
        await using var server = await ServeProcess.StartAsync(directory.DatabasePath);
        await server.SignInAsync();
        var samples = new List<(long Tasks, long RssKb, int Fds, long Completed)>();
        var item = new JsonObject { ["worker"] = "demo", ["action"] = "noop" };
        var body = new JsonObject { ["tasks"] = new JsonArray([.. Enumerable.Range(0, Batch).Select(_ => item.DeepClone())]) }.ToJsonString();
        var started = DateTimeOffset.UtcNow;

        for (var created = 0; created < count; created += Batch)
        {
            using var response = await server.Http.PostAsync("api/tasks/batch", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            // Keep the backlog bounded, so the run measures steady work rather than a growing queue.
            var backlog = await Eventually.ValueAsync(() => BacklogAsync(server), b => b <= 5 * Batch, TimeSpan.FromSeconds(120), "the backlog to drain");
            var completed = created + Batch - backlog;
            samples.Add((created + Batch, RssKb(server.ProcessId), Directory.GetFiles($"/proc/{server.ProcessId}/fd").Length, completed));
        }
        await Eventually.ValueAsync(() => BacklogAsync(server), b => b == 0, TimeSpan.FromSeconds(300), "every task to complete");
        var stats = (await server.Http.GetFromJsonAsync<JsonObject>("api/stats?from=" + Uri.EscapeDataString(started.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture))))!;
        Assert.Equal(count, (long)stats["counts"]!["completed"]!);
        var elapsed = DateTimeOffset.UtcNow - started;

        var quarter = samples.Count / 4;
        var second = samples.Skip(quarter).Take(quarter).ToList();
        var last = samples.Skip(samples.Count - quarter).ToList();
        var (rss2, rss4) = (second.Max(s => s.RssKb), last.Max(s => s.RssKb));
        var (fd2, fd4) = (second.Max(s => s.Fds), last.Max(s => s.Fds));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"tasks={count} seconds={elapsed.TotalSeconds:F0} rate={count / elapsed.TotalSeconds:F0}/s rss_q2_max_mb={rss2 / 1024.0:F1} rss_q4_max_mb={rss4 / 1024.0:F1} fd_q2_max={fd2} fd_q4_max={fd4} rss_first_mb={samples[0].RssKb / 1024.0:F1}");
        if (report is { Length: > 0 })
        {
            await File.WriteAllLinesAsync(report, [.. samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Tasks} rss_kb={s.RssKb} fds={s.Fds} completed={s.Completed}")), summary]);
        }
        Assert.True(rss4 <= rss2 * 1.25 + 24 * 1024, "memory grew: " + summary);
        Assert.True(fd4 <= fd2 + 16, "file handles grew: " + summary);
        Assert.False(server.HasExited);
    }

    private static long RssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Pending and running tasks of every queue (the task list's total is capped for speed on big stores).</summary>
    private static async Task<long> BacklogAsync(ServeProcess node) =>
        (await node.Http.GetFromJsonAsync<JsonObject>("api/queues"))!["items"]!.AsArray().Sum(q => (long)q!["pending"]! + (long)q["running"]!);
}
