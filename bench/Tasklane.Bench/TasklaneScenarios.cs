using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Tasklane.Bench;

/// <summary>The engine scenarios of a Tasklane system, each run in its own child process on a fresh store.</summary>
internal static class TasklaneScenarios
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(ChildArgs child, CancellationToken cancellationToken)
    {
        await using var store = new TasklaneStore(child);
        return child.Scenario switch
        {
            "enqueue" => await EnqueueAsync(child, store, cancellationToken),
            "drain-c10" => [await DrainAsync(child, store, 10, cancellationToken)],
            "drain-c50" => [await DrainAsync(child, store, 50, cancellationToken)],
            "pickup" => [await PickupAsync(child, store, cancellationToken)],
            "pickup-cross" => [await PickupCrossAsync(child, store, cancellationToken)],
            "runner" => await RunnerAsync(store, cancellationToken),
            _ => throw new ArgumentException($"{child.System} has no scenario {child.Scenario}"),
        };
    }

    /// <summary>1 caller, 8 callers, bulk: creates with the engine off, so the figure is the create path alone.</summary>
    private static async Task<IReadOnlyList<Figure>> EnqueueAsync(ChildArgs child, TasklaneStore store, CancellationToken cancellationToken)
    {
        using var host = await store.StartHostAsync(runEngine: false, cancellationToken);
        var client = host.Services.GetRequiredService<ITaskClient>();
        var sizes = child.Sizes;
        async Task<int> One(int count, CancellationToken ct)
        {
            await client.CreateAsync("bench", "noop", null, cancellationToken: cancellationToken);
            return 1;
        }
        await Callers.RunAsync(1, 20, 1, sizes.EnqueueTimeBox, One, cancellationToken); // warm-up
        var one = await Callers.RunAsync(1, sizes.EnqueueOne, 1, sizes.EnqueueTimeBox, One, cancellationToken);
        var eight = await Callers.RunAsync(8, sizes.EnqueueEight, 1, sizes.EnqueueTimeBox, One, cancellationToken);
        var bulk = await Callers.RunAsync(1, sizes.EnqueueBulk, BulkCreate.BatchSize, sizes.EnqueueTimeBox,
            (count, ct) => BulkCreate.CreateBatchAsync(client, count, ct), cancellationToken);
        await host.StopAsync(cancellationToken);
        return
        [
            Figure.Rate(child.System, "enqueue-1", one.Tasks, one.Elapsed),
            Figure.Rate(child.System, "enqueue-8", eight.Tasks, eight.Elapsed),
            Figure.Rate(child.System, "enqueue-bulk", bulk.Tasks, bulk.Elapsed),
        ];
    }

    /// <summary>N due tasks are created with the engine off; then the engine starts and the clock runs until all are completed.</summary>
    private static async Task<Figure> DrainAsync(ChildArgs child, TasklaneStore store, int concurrency, CancellationToken cancellationToken)
    {
        var tasks = child.Sizes.Drain;
        using (var setup = await store.StartHostAsync(runEngine: false, cancellationToken))
        {
            var settings = setup.Services.GetRequiredService<ITaskSettingsProvider>();
            await settings.UpdateAsync(await settings.GetAsync(cancellationToken) with { TaskMaxConcurrent = concurrency }, cancellationToken);
            var client = setup.Services.GetRequiredService<ITaskClient>();
            var created = await Callers.RunAsync(8, tasks, BulkCreate.BatchSize / 8, TimeSpan.FromMinutes(5),
                (count, ct) => BulkCreate.CreateBatchAsync(client, count, ct), cancellationToken);
            if (created.Tasks != tasks) throw new InvalidOperationException($"created {created.Tasks} of {tasks} tasks to drain");
            await setup.StopAsync(cancellationToken);
        }
        var clock = Stopwatch.StartNew();
        using var host = await store.StartHostAsync(runEngine: true, cancellationToken);
        var deadline = new Deadline(TimeSpan.FromSeconds(child.Quick ? 60 : 300));
        while (await store.CountCompletedAsync(cancellationToken) < tasks)
        {
            deadline.ThrowIfPassed($"drain of {tasks} tasks");
            await Task.Delay(10, cancellationToken);
        }
        var elapsed = clock.Elapsed;
        await host.StopAsync(cancellationToken);
        return Figure.Rate(child.System, $"drain-c{concurrency}", tasks, elapsed);
    }

    /// <summary>created → started of tasks created one at a time on an idle engine in this process.</summary>
    private static async Task<Figure> PickupAsync(ChildArgs child, TasklaneStore store, CancellationToken cancellationToken)
    {
        using var host = await store.StartHostAsync(runEngine: true, cancellationToken);
        var samples = await MeasurePickupAsync(host, child.Sizes.PickupSamples, cancellationToken);
        await host.StopAsync(cancellationToken);
        return Figure.Latency(child.System, "pickup", samples);
    }

    /// <summary>The same across processes: this process creates (engine off), a runner child process runs them.</summary>
    private static async Task<Figure> PickupCrossAsync(ChildArgs child, TasklaneStore store, CancellationToken cancellationToken)
    {
        using var host = await store.StartHostAsync(runEngine: false, cancellationToken);
        await using var runner = await RunnerProcess.StartAsync(child with { Scenario = "runner", Schema = store.Schema }, cancellationToken);
        var samples = await MeasurePickupAsync(host, child.Sizes.PickupSamples, cancellationToken);
        await host.StopAsync(cancellationToken);
        return Figure.Latency(child.System, "pickup-cross", samples);
    }

    /// <summary>The runner of <c>pickup-cross</c>: an engine on the given schema until standard input closes.</summary>
    private static async Task<IReadOnlyList<Figure>> RunnerAsync(TasklaneStore store, CancellationToken cancellationToken)
    {
        using var host = await store.StartHostAsync(runEngine: true, cancellationToken);
        await RunnerProcess.ServeUntilStdinClosesAsync(cancellationToken);
        await host.StopAsync(cancellationToken);
        return [];
    }

    private static async Task<List<double>> MeasurePickupAsync(IHost host, int count, CancellationToken cancellationToken)
    {
        var client = host.Services.GetRequiredService<ITaskClient>();
        var samples = new List<double>(count);
        for (var i = -3; i < count; i++) // 3 warm-up tasks
        {
            var task = await client.CreateAsync("bench", "noop", null, cancellationToken: cancellationToken);
            var deadline = new Deadline(TimeSpan.FromSeconds(10));
            TaskRow? row;
            while ((row = await client.GetAsync(task.Id, cancellationToken)) is not { Status: TaskState.Completed })
            {
                deadline.ThrowIfPassed($"pickup of task {task.Id} (status {row?.Status})");
                await Task.Delay(1, cancellationToken);
            }
            if (i >= 0) samples.Add((row.StartedAt!.Value - row.CreatedAt).TotalMilliseconds);
        }
        return samples;
    }
}
