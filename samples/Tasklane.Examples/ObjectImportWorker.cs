namespace Tasklane.Examples;

public sealed record ObjectImportArgs(string ObjectId, string File);

// snippet: concurrency-key-worker
[Worker("objects", Title = "Objects", Queue = "imports")]
public sealed class ObjectImportWorker : TaskWorker
{
    // One running import per object, across every node: "import:{object_id}" is filled in from the task's data.
    [Action("import", ConcurrencyKey = "import:{object_id}")]
    public async Task ImportAsync(TaskContext task, ObjectImportArgs args, CancellationToken ct) =>
        await task.LogAsync($"Importing {args.File} into object {args.ObjectId}");
}
// end snippet

/// <summary>Concurrency keys and queue control from code.</summary>
public static class QueueControl
{
    public static async Task<TaskRow> ImportForTenantAsync(ITaskClient tasks)
    {
        // snippet: create-with-concurrency-key
        var task = await tasks.CreateAsync("objects", "import", new ObjectImportArgs("7", "objects.csv"), new TaskOptions
        {
            ConcurrencyKey = "tenant:acme",      // replaces the action's key: at most 2 of tenant acme's run at once
            ConcurrencyLimit = 2,
        });
        // end snippet
        return task;
    }

    public static async Task LimitEmailsAsync(ITaskStore store)
    {
        // snippet: queue-control-from-code
        await store.UpdateQueueAsync(new UpdateQueueParams
        {
            Name = "emails",
            SetGlobalConcurrency = true, GlobalConcurrency = 4,   // 4 running at once over every node
            SetRatePerSecond = true, RatePerSecond = 10,          // 10 starts a second over every node
            Now = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        // end snippet
    }
}
