using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Tasklane;

/// <summary>Adds Tasklane to a service collection.</summary>
public static class TasklaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine, the task client and the settings. Choose a store in <paramref name="configure"/>
    /// (<c>b.UseSqlite("tasklane.db")</c>) and add workers on the returned builder.
    /// </summary>
    public static TasklaneBuilder AddTasklane(this IServiceCollection services, Action<TasklaneBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new TasklaneBuilder(services);
        services.AddOptions<TasklaneOptions>()
            .Validate(o => o.Validate() is null, "Tasklane options are invalid (see TasklaneOptions.Validate)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkerRegistry>();
        services.TryAddSingleton<TasklaneMetrics>();
        services.TryAddSingleton<TaskSignal>();
        services.TryAddSingleton<RunningTasks>();
        services.TryAddSingleton<ITaskNotifier, InProcessTaskNotifier>();
        services.TryAddSingleton<Notifier>();
        services.TryAddSingleton<NotificationListener>();
        services.TryAddSingleton<RetryPolicy>();
        services.TryAddSingleton(SharedFiles.Artifacts);
        services.TryAddSingleton<TaskLogFiles>();
        services.TryAddSingleton(SharedFiles.LogArchive);
        services.TryAddSingleton(sp => new TaskLogs(sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<ILogArchive>()));
        services.TryAddSingleton<LogArchiver>();
        services.TryAddSingleton<TaskSettingsProvider>();
        services.TryAddSingleton<ITaskSettingsProvider>(sp => sp.GetRequiredService<TaskSettingsProvider>());
        services.TryAddSingleton<WorkerSettingsCodec>();
        services.TryAddSingleton(sp => new WorkerCatalog(
            sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<WorkerRegistry>(),
            sp.GetRequiredService<WorkerSettingsCodec>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ScheduleService(
            sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<ITaskClient>(), sp.GetRequiredService<TaskSignal>(),
            sp.GetServices<ScheduleDefinition>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<TasklaneMetrics>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ScheduleService>>()));
        services.TryAddSingleton<Scheduler>();
        services.TryAddSingleton<CommitWatcher>();
        services.TryAddSingleton<ITaskClient, TaskClient>();
        services.TryAddSingleton<SubtaskFactory>();
        services.TryAddSingleton(sp => new SubtaskService(
            sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<ITaskSettingsProvider>(),
            sp.GetRequiredService<ITaskClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ReportWriter>();
        services.TryAddSingleton<Completer>();
        services.TryAddSingleton<Executor>();
        services.TryAddSingleton<Dispatcher>();
        services.TryAddSingleton<Heartbeat>();
        services.TryAddSingleton<Rescuer>();
        services.TryAddSingleton<Retention>();
        services.TryAddSingleton<QueueSampler>();
        services.TryAddSingleton<TasklaneEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<TasklaneEngine>());
        configure?.Invoke(builder);
        return builder;
    }
}
