namespace Tasklane.Samples;

/// <summary>Registers the demo workers of <c>demo-workers.md</c>.</summary>
public static class DemoWorkers
{
    /// <summary>Adds <c>demo</c> and <c>demo-sync</c>.</summary>
    public static TasklaneBuilder AddDemoWorkers(this TasklaneBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddWorker<DemoWorker>().AddWorker<DemoSyncWorker>().AddSchedule(new ScheduleDefinition
        {
            Id = "demo-sync",
            Name = "Demo sync",
            Worker = "demo-sync",
            Action = "sync",
            Spec = new ScheduleSpec
            {
                Kind = ScheduleKind.Regular, Every = 1, Unit = ScheduleUnit.Hours, From = new TimeOnly(5, 0), To = new TimeOnly(23, 0),
            },
            Enabled = false,
        });
    }
}
