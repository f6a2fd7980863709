using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane;

/// <summary>Configures Tasklane in a service collection: the store, the workers and the options.</summary>
public sealed class TasklaneBuilder
{
    internal TasklaneBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for store packages to register themselves.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Changes the engine options.</summary>
    public TasklaneBuilder Configure(Action<TasklaneOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Registers one worker class.</summary>
    public TasklaneBuilder AddWorker<TWorker>() where TWorker : TaskWorker => AddWorker(typeof(TWorker));

    /// <summary>Registers one worker class.</summary>
    public TasklaneBuilder AddWorker(Type workerType)
    {
        ArgumentNullException.ThrowIfNull(workerType);
        Services.AddSingleton(new WorkerRegistration(workerType));
        return this;
    }

    /// <summary>
    /// Registers one action of a worker made of delegates, beside worker classes:
    /// <c>AddWorker("cleanup", "run", async (TaskContext task, CleanupArgs args, CancellationToken ct) => …)</c>.
    /// The handler returns <see cref="Task"/> and takes what an [Action] method takes: a <see cref="TaskContext"/>,
    /// at most one arguments object (the task's JSON data, checked when the task is created, as for a class) and a
    /// <see cref="CancellationToken"/>. Actions registered under one identifier make one worker.
    /// </summary>
    /// <exception cref="InvalidOperationException">The handler does not return Task or takes two arguments objects.</exception>
    public TasklaneBuilder AddWorker(string worker, string action, Delegate handler, WorkerActionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(handler);
        // Checked now, so a bad handler fails where it is registered; the registry builds the worker at start.
        _ = new ActionDescriptor(action, handler, options?.TimeoutSeconds ?? 0, options?.MaxAttempts ?? 0, options?.SubtaskOnly ?? false);
        _ = ActionDescriptor.Concurrency(action, options?.ConcurrencyKey, options?.ConcurrencyLimit ?? 0);
        Services.AddSingleton(new WorkerActionRegistration(worker, action, handler, options));
        return this;
    }

    /// <summary>Declares a schedule in code; its enabled state and edits are persisted in the store.</summary>
    public TasklaneBuilder AddSchedule(ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Spec.Validate() is { } error)
        {
            throw new ArgumentException($"Schedule '{schedule.Id}': {error.Field} {error.Reason}", nameof(schedule));
        }
        Services.AddSingleton(schedule);
        return this;
    }

    /// <summary>Registers every concrete <see cref="TaskWorker"/> with a [Worker] attribute in the assembly.</summary>
    public TasklaneBuilder AddWorkersFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            if (!type.IsAbstract && typeof(TaskWorker).IsAssignableFrom(type) && type.GetCustomAttribute<WorkerAttribute>() is not null)
            {
                AddWorker(type);
            }
        }
        return this;
    }
}
