namespace Tasklane.Samples;

/// <summary>Registers the demo workers of <c>demo-workers.md</c>.</summary>
public static class DemoWorkers
{
    /// <summary>Adds <c>demo</c> and <c>demo-sync</c>.</summary>
    public static TasklaneBuilder AddDemoWorkers(this TasklaneBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddWorker<DemoWorker>().AddWorker<DemoSyncWorker>();
    }
}
