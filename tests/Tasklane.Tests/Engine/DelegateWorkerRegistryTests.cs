using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.Tests.Engine;

/// <summary>How workers made of delegates are declared: checked where they are registered, grouped by identifier, refused when they clash.</summary>
public sealed class DelegateWorkerRegistryTests
{
    public sealed record PurgeArgs(int Days);

    private static WorkerRegistry Registry(Action<TasklaneBuilder> workers)
    {
        var services = new ServiceCollection();
        services.AddTasklane(workers);
        return new WorkerRegistry(
            services.Where(d => d.ServiceType == typeof(WorkerRegistration)).Select(d => (WorkerRegistration)d.ImplementationInstance!),
            services.Where(d => d.ServiceType == typeof(WorkerActionRegistration)).Select(d => (WorkerActionRegistration)d.ImplementationInstance!));
    }

    [Fact]
    public void Registry_ActionsUnderOneIdentifier_MakeOneWorkerWithTheirOptions()
    {
        var registry = Registry(b => b
            .AddWorker("cleanup", "purge", (TaskContext task, PurgeArgs args, CancellationToken ct) => Task.CompletedTask,
                new WorkerActionOptions { Title = "Clean-up", Queue = "chores", TimeoutSeconds = 60, MaxAttempts = 5 })
            .AddWorker("cleanup", "vacuum", (CancellationToken ct) => Task.CompletedTask)
            .AddWorker("cleanup", "step", (TaskContext task) => Task.CompletedTask, new WorkerActionOptions { SubtaskOnly = true }));

        var worker = registry.Find("cleanup")!;

        Assert.Null(worker.Type);
        Assert.Equal(("Clean-up", "chores", 3), (worker.Title, worker.Queue, worker.MaxAttempts));
        Assert.Equal(["purge", "vacuum"], worker.ListedActions);
        Assert.Equal(typeof(PurgeArgs), worker.Actions["purge"].ArgsType);
        Assert.Equal((60, 5), (worker.Actions["purge"].TimeoutSeconds, worker.Actions["purge"].MaxAttempts));
        Assert.Null(worker.Actions["vacuum"].ArgsType);
        Assert.True(worker.Actions["step"].SubtaskOnly);
        Assert.Equal(["cleanup"], registry.Identifiers);
    }

    [Fact]
    public void ParseArgs_DelegateAction_ChecksDataAsForAClass()
    {
        var registry = Registry(b => b.AddWorker("cleanup", "purge", (PurgeArgs args) => Task.CompletedTask));
        var action = registry.Find("cleanup")!.Actions["purge"];

        var parsed = action.ParseArgs("{\"days\":7}");
        var error = Assert.Throws<TaskCreateException>(() => action.ParseArgs("{\"days\":\"soon\"}"));

        Assert.Equal(new PurgeArgs(7), parsed);
        Assert.Equal((TaskCreateError.InvalidData, "data.days"), (error.Error, error.Field));
    }

    [Fact]
    public void AddWorker_HandlerNotReturningTask_IsRefusedWhereItIsRegistered()
    {
        var services = new ServiceCollection();
        var builder = services.AddTasklane();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddWorker("cleanup", "run", (TaskContext task) => 42));

        Assert.Contains("must return Task", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(WorkerActionRegistration));
    }

    [Fact]
    public void AddWorker_HandlerWithTwoArgumentsObjects_IsRefused()
    {
        var builder = new ServiceCollection().AddTasklane();

        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.AddWorker("cleanup", "run", (PurgeArgs a, PurgeArgs b) => Task.CompletedTask));

        Assert.Contains("one arguments object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_SameActionTwice_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Registry(b => b
            .AddWorker("cleanup", "run", () => Task.CompletedTask)
            .AddWorker("cleanup", "run", () => Task.CompletedTask)));

        Assert.Contains("'run' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_IdentifierOfAClassAndOfDelegates_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Registry(b => b
            .AddWorker<TestWorker>()
            .AddWorker("test", "extra", () => Task.CompletedTask)));

        Assert.Contains("'test'", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(TestWorker).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_ActionsSettingTheWorkersTitleDifferently_AreRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Registry(b => b
            .AddWorker("cleanup", "a", () => Task.CompletedTask, new WorkerActionOptions { Title = "One" })
            .AddWorker("cleanup", "b", () => Task.CompletedTask, new WorkerActionOptions { Title = "Two" })));

        Assert.Contains("Title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_BuildsTheRegistryWithClassesAndDelegates()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTasklane(b => b.AddWorker<TestWorker>().AddWorker("cleanup", "run", () => Task.CompletedTask));
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<WorkerRegistry>();

        Assert.Equal(["cleanup", "test"], registry.Identifiers);
    }
}
