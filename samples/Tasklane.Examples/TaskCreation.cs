namespace Tasklane.Examples;

/// <summary>Creating tasks from code with <see cref="ITaskClient"/>.</summary>
public static class TaskCreation
{
    public static async Task<TaskRow> ImportProductsAsync(ITaskClient tasks)
    {
        // snippet: create-product-import
        var task = await tasks.CreateAsync("product", "import", new ImportArgs("products.csv"),
                                           new TaskOptions { Priority = TaskPriority.High, MaxAttempts = 3 });
        // end snippet
        return task;
    }

    public static async Task<TaskRow> SendCampaignAsync(ITaskClient tasks)
    {
        // snippet: create-mailer-send
        var task = await tasks.CreateAsync("mailer", "send", new SendArgs("Hello", ["a@example.com"]), new TaskOptions
        {
            Priority = TaskPriority.High,        // high | normal | low
            Queue = "emails",                    // default: the worker's queue
            MaxAttempts = 3,                     // default: the action's, else the worker's (3)
            RunAt = DateTimeOffset.UtcNow.AddMinutes(10),
            IdempotencyKey = "campaign-42",      // the same key returns the same task, never a duplicate
            ObjectType = "campaign", ObjectId = "42",
        });
        // end snippet
        return task;
    }
}
