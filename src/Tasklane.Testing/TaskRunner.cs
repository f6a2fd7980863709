using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tasklane.Sqlite;

namespace Tasklane.Testing;

/// <summary>
/// Runs one worker action in process, without a server, and gives back how it ended (<see cref="TaskRun"/>):
/// <c>var run = await TaskRunner.For&lt;ProductWorker&gt;(services).RunAsync("import", args);</c>.
/// Each run goes the way a task goes in production: the task is created through <see cref="ITaskClient"/> (so its
/// data is checked against the action's arguments, and bad data throws <see cref="TaskCreateException"/>), then the
/// engine claims it and runs the handler in a new service scope, and progress, log lines, the artifact and the
/// outcome are written to a temporary SQLite file, from which the run reads them back. The file and its folder are
/// deleted when the run ends.
/// </summary>
public sealed class TaskRunner
{
    private readonly IServiceCollection _services;
    private readonly List<Action<TasklaneBuilder>> _workers = [];
    private readonly List<Action<TasklaneOptions>> _options = [];
    private readonly string? _worker;

    private TaskRunner(IServiceCollection? services, string? worker, Action<TasklaneBuilder> workers)
    {
        _services = services ?? new ServiceCollection();
        _worker = worker;
        _workers.Add(workers);
    }

    /// <summary>How long a run may take before it is cancelled and <see cref="RunAsync(TaskRequest, CancellationToken)"/> throws <see cref="TimeoutException"/> (default 30 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A runner for one worker class; <paramref name="services"/> holds what its constructor takes (copied at each run).</summary>
    /// <exception cref="InvalidOperationException">The class has no [Worker] attribute.</exception>
    public static TaskRunner For<TWorker>(IServiceCollection? services = null) where TWorker : TaskWorker
    {
        var attribute = typeof(TWorker).GetCustomAttribute<WorkerAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TWorker).FullName} has no [Worker] attribute.");
        return new TaskRunner(services, attribute.Identifier, b => b.AddWorker<TWorker>());
    }

    /// <summary>
    /// A runner for the workers <paramref name="workers"/> registers, classes or delegates
    /// (<c>TaskRunner.For(b => b.AddWorker("cleanup", "run", handler))</c>).
    /// </summary>
    public static TaskRunner For(Action<TasklaneBuilder> workers, IServiceCollection? services = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return new TaskRunner(services, worker: null, workers);
    }

    /// <summary>Registers more workers, e.g. those of the subtasks the action creates.</summary>
    public TaskRunner AddWorkers(Action<TasklaneBuilder> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        _workers.Add(workers);
        return this;
    }

    /// <summary>
    /// Changes the engine options of each run. The runner's own defaults: retries follow each other at once
    /// (<see cref="TasklaneOptions.RetryBaseDelay"/> zero) and a running handler gets one second at the end of a run.
    /// </summary>
    public TaskRunner Configure(Action<TasklaneOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _options.Add(configure);
        return this;
    }

    /// <summary>
    /// Runs <paramref name="action"/> of the runner's worker with <paramref name="args"/> as the task's data (an object,
    /// serialised snake_case; a string is taken as JSON) and waits for its final status. Without
    /// <see cref="TaskOptions.MaxAttempts"/> the task gets one attempt, so a failure is the outcome, not a retry.
    /// </summary>
    /// <exception cref="TaskCreateException">The data does not fit the action's arguments, or the action is unknown.</exception>
    /// <exception cref="TimeoutException">The task did not finish within <see cref="Timeout"/>.</exception>
    public Task<TaskRun> RunAsync(string action, object? args = null, TaskOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var worker = _worker ?? throw new InvalidOperationException(
            "This runner has no single worker class: name the worker with RunAsync(new TaskRequest(worker, action, args)).");
        return RunAsync(new TaskRequest(worker, action, args, options), cancellationToken);
    }

    /// <summary>Runs one task of any registered worker and waits for its final status; see <see cref="RunAsync(string, object?, TaskOptions?, CancellationToken)"/>.</summary>
    /// <exception cref="TaskCreateException">The data does not fit the action's arguments, or the worker or action is unknown.</exception>
    /// <exception cref="TimeoutException">The task did not finish within <see cref="Timeout"/>.</exception>
    public async Task<TaskRun> RunAsync(TaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var directory = Directory.CreateTempSubdirectory("tasklane-testing-");
        try
        {
            await using var provider = Build(directory.FullName);
            var engines = provider.GetServices<IHostedService>().ToList();
            foreach (var engine in engines) await engine.StartAsync(cancellationToken);
            try
            {
                var client = provider.GetRequiredService<ITaskClient>();
                var options = (request.Options ?? new TaskOptions()) is { MaxAttempts: null } o ? o with { MaxAttempts = 1 } : request.Options!;
                var task = await client.CreateAsync(request.Worker, request.Action, request.Data, options, cancellationToken);
                var final = await WaitAsync(client, task, cancellationToken);
                return new TaskRun(final, await ReadLogsAsync(provider, final.Id, cancellationToken), await ReadArtifactAsync(provider, final, cancellationToken));
            }
            finally
            {
                foreach (var engine in Enumerable.Reverse(engines)) await engine.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            Delete(directory);
        }
    }

    private ServiceProvider Build(string directory)
    {
        IServiceCollection services = new ServiceCollection();
        foreach (var descriptor in _services)
        {
            // The host's own background services are not started by a run.
            if (descriptor.ServiceType != typeof(IHostedService)) services.Add(descriptor);
        }
        services.AddLogging();
        services.AddTasklane(b =>
        {
            b.UseSqlite(Path.Combine(directory, "tasklane.db"));
            foreach (var workers in _workers) workers(b);
        });
        services.Configure<TasklaneOptions>(o =>
        {
            o.NodeId = $"tasklane-testing-{Guid.NewGuid():N}"[..30];
            o.RetryBaseDelay = TimeSpan.Zero;
            o.ShutdownGrace = TimeSpan.FromSeconds(1);
            foreach (var configure in _options) configure(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private async Task<TaskRow> WaitAsync(ITaskClient client, TaskRow task, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            while (true)
            {
                var current = await client.GetAsync(task.Id, timeout.Token)
                    ?? throw new InvalidOperationException($"Task {task.Id} is gone from the store.");
                if (current.IsFinal) return current;
                await System.Threading.Tasks.Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await client.CancelAsync(task.Id, CancellationToken.None);
            throw new TimeoutException($"Task {task.Id} ({task.Worker}/{task.Action}) did not finish within {Timeout.TotalSeconds:0.#} s; it was cancelled.");
        }
    }

    private static async Task<IReadOnlyList<TaskLogLine>> ReadLogsAsync(IServiceProvider provider, long taskId, CancellationToken cancellationToken)
    {
        var lines = new List<TaskLogLine>();
        await foreach (var page in provider.GetRequiredService<TaskLogs>().ReadAllAsync(taskId, 500, cancellationToken))
        {
            lines.AddRange(page);
        }
        return lines;
    }

    private static async Task<TaskRunArtifact?> ReadArtifactAsync(IServiceProvider provider, TaskRow task, CancellationToken cancellationToken)
    {
        if (task.Artifact is not { } artifact) return null;
        await using var stream = await provider.GetRequiredService<IArtifactStore>().OpenReadAsync(artifact.FileKey, cancellationToken)
            ?? throw new InvalidOperationException($"Task {task.Id} names artifact '{artifact.Name}', which the artifact store does not have.");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return new TaskRunArtifact(artifact.Name, copy.ToArray());
    }

    private static void Delete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (Windows) stays in the temp folder; the run's result does not depend on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
