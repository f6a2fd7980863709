using System.Diagnostics;
using Hangfire;

namespace Tasklane.Bench;

/// <summary>The engine scenarios of a Hangfire system, the same as Tasklane's, each in its own child process on a fresh storage.</summary>
internal static class HangfireScenarios
{
    /// <summary>The server's workers during pickup: Tasklane's default concurrency.</summary>
    private const int PickupWorkers = 10;

    public static async Task<IReadOnlyList<Figure>> RunAsync(ChildArgs child, CancellationToken cancellationToken)
    {
        using var store = new HangfireStore(child);
        return child.Scenario switch
        {
            "enqueue" => await EnqueueAsync(child, store, cancellationToken),
            "drain-c10" => [await DrainAsync(child, store, 10, cancellationToken)],
            "drain-c50" => [await DrainAsync(child, store, 50, cancellationToken)],
            "pickup" => [await PickupAsync(child, store, cancellationToken)],
            "pickup-cross" when BenchSystems.OnPostgres(child.System) => [await PickupCrossAsync(child, store, cancellationToken)],
            "runner" => await RunnerAsync(store, cancellationToken),
            _ => throw new ArgumentException($"{child.System} has no scenario {child.Scenario}"),
        };
    }

    /// <summary>
    /// 1 caller, 8 callers, and "bulk": Hangfire (without Pro's batches) has no bulk create, so its fastest way is the plain
    /// loop of Enqueue on 8 concurrent callers. No server runs, so the figure is the create path alone.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> EnqueueAsync(ChildArgs child, HangfireStore store, CancellationToken cancellationToken)
    {
        var client = new BackgroundJobClient(store.Storage);
        var sizes = child.Sizes;
        Task<int> One(int count, CancellationToken ct)
        {
            client.Enqueue(() => NoopJob.Run());
            return Task.FromResult(1);
        }
        await Callers.RunAsync(1, 20, 1, sizes.EnqueueTimeBox, One, cancellationToken); // warm-up
        var one = await Callers.RunAsync(1, sizes.EnqueueOne, 1, sizes.EnqueueTimeBox, One, cancellationToken);
        var eight = await Callers.RunAsync(8, sizes.EnqueueEight, 1, sizes.EnqueueTimeBox, One, cancellationToken);
        var bulk = await Callers.RunAsync(8, sizes.EnqueueBulk, 1, sizes.EnqueueTimeBox, One, cancellationToken);
        return
        [
            Figure.Rate(child.System, "enqueue-1", one.Tasks, one.Elapsed),
            Figure.Rate(child.System, "enqueue-8", eight.Tasks, eight.Elapsed),
            Figure.Rate(child.System, "enqueue-bulk", bulk.Tasks, bulk.Elapsed),
        ];
    }

    /// <summary>N jobs are enqueued with no server; then a server with <paramref name="workers"/> workers starts and the clock runs until all succeeded.</summary>
    private static async Task<Figure> DrainAsync(ChildArgs child, HangfireStore store, int workers, CancellationToken cancellationToken)
    {
        var tasks = child.Sizes.Drain;
        var client = new BackgroundJobClient(store.Storage);
        var created = await Callers.RunAsync(8, tasks, 1, TimeSpan.FromMinutes(5), (_, _) =>
        {
            client.Enqueue(() => NoopJob.Run());
            return Task.FromResult(1);
        }, cancellationToken);
        if (created.Tasks != tasks) throw new InvalidOperationException($"enqueued {created.Tasks} of {tasks} jobs to drain");
        var monitoring = store.Storage.GetMonitoringApi();
        var clock = Stopwatch.StartNew();
        using var server = store.StartServer(workers);
        var deadline = new Deadline(TimeSpan.FromSeconds(child.Quick ? 60 : 300));
        while (monitoring.SucceededListCount() < tasks)
        {
            deadline.ThrowIfPassed($"drain of {tasks} jobs ({monitoring.SucceededListCount()} succeeded)");
            await Task.Delay(10, cancellationToken);
        }
        var elapsed = clock.Elapsed;
        server.SendStop();
        return Figure.Rate(child.System, $"drain-c{workers}", tasks, elapsed);
    }

    /// <summary>created → processing of jobs enqueued one at a time on an idle server in this process.</summary>
    private static async Task<Figure> PickupAsync(ChildArgs child, HangfireStore store, CancellationToken cancellationToken)
    {
        using var server = store.StartServer(PickupWorkers);
        var samples = await MeasurePickupAsync(store, child.Sizes.PickupSamples, cancellationToken);
        server.SendStop();
        return Figure.Latency(child.System, "pickup", samples);
    }

    /// <summary>The same across processes: this process enqueues (no server), a runner child process runs the server.</summary>
    private static async Task<Figure> PickupCrossAsync(ChildArgs child, HangfireStore store, CancellationToken cancellationToken)
    {
        await using var runner = await RunnerProcess.StartAsync(child with { Scenario = "runner", Schema = store.Schema }, cancellationToken);
        var samples = await MeasurePickupAsync(store, child.Sizes.PickupSamples, cancellationToken);
        return Figure.Latency(child.System, "pickup-cross", samples);
    }

    private static async Task<IReadOnlyList<Figure>> RunnerAsync(HangfireStore store, CancellationToken cancellationToken)
    {
        using var server = store.StartServer(PickupWorkers);
        await RunnerProcess.ServeUntilStdinClosesAsync(cancellationToken);
        server.SendStop();
        return [];
    }

    /// <summary>Per job: the time from its creation to its Processing state, as Hangfire records them.</summary>
    private static async Task<List<double>> MeasurePickupAsync(HangfireStore store, int count, CancellationToken cancellationToken)
    {
        var client = new BackgroundJobClient(store.Storage);
        var monitoring = store.Storage.GetMonitoringApi();
        using var connection = store.Storage.GetConnection();
        var samples = new List<double>(count);
        for (var i = -3; i < count; i++) // 3 warm-up jobs
        {
            var id = client.Enqueue(() => NoopJob.Run());
            var deadline = new Deadline(TimeSpan.FromSeconds(10));
            while (connection.GetJobData(id)?.State != "Succeeded")
            {
                deadline.ThrowIfPassed($"pickup of job {id}");
                await Task.Delay(1, cancellationToken);
            }
            if (i < 0) continue;
            var details = monitoring.JobDetails(id);
            var processing = details.History.FirstOrDefault(h => h.StateName == "Processing")
                ?? throw new InvalidOperationException($"job {id} has no Processing state");
            samples.Add((processing.CreatedAt - details.CreatedAt!.Value).TotalMilliseconds);
        }
        return samples;
    }
}
