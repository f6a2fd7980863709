namespace Tasklane.Conformance;

/// <summary>
/// What every conformance suite needs: a fresh migrated store per test, a second handle on the same
/// database (another process, as far as the store can tell), and builders for the params records.
/// </summary>
public abstract class TaskStoreConformanceBase
{
    /// <summary>A fixed, millisecond-precise start of time; stores keep milliseconds.</summary>
    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new, migrated, empty store of its own.</summary>
    protected abstract Task<ITaskStore> CreateStoreAsync();

    /// <summary>Another handle on the same database as <paramref name="store"/>, as a second node would open it.</summary>
    protected abstract ITaskStore OpenSecondHandle(ITaskStore store);

    /// <summary>The account seam of <paramref name="store"/>: Tasklane's SQL stores keep both in one database.</summary>
    protected virtual IAccountStore AccountsOf(ITaskStore store) =>
        store as IAccountStore ?? throw new NotSupportedException($"{store.GetType().Name} keeps no accounts: override AccountsOf.");

    /// <summary>A new, migrated, empty store, as its task seam and its account seam.</summary>
    protected async Task<(ITaskStore Tasks, IAccountStore Accounts)> CreateStoresAsync()
    {
        var store = await CreateStoreAsync();
        return (store, AccountsOf(store));
    }

    protected static CreateTaskParams NewTask(string worker = "product", string action = "import", DateTimeOffset? runAt = null) => new()
    {
        Worker = worker,
        Action = action,
        Data = """{"file":"products.csv"}""",
        Queue = "default",
        Priority = TaskPriority.Normal,
        MaxAttempts = 3,
        RunAt = runAt ?? T0,
        CreatedById = 7,
        CreatedByName = "Alice",
        Category = TaskCategory.User,
        Now = T0,
        LogMessage = "Created",
    };

    protected static ClaimParams NewClaim(string node = "node-a", int limit = 10, DateTimeOffset? now = null, params string[] workers) => new()
    {
        NodeId = node,
        Now = now ?? T0,
        LeaseExpiresAt = (now ?? T0).AddMinutes(1),
        Limit = limit,
        Workers = workers.Length == 0 ? ["product", "mail", "report"] : workers,
    };

    protected static TaskOutcome NewOutcome(TaskRow running, TaskState status, string message = "Done") => new()
    {
        TaskId = running.Id,
        Attempt = running.Attempt,
        NodeId = running.LeaseOwner!,
        Status = status,
        Now = T0.AddSeconds(30),
        LogMessage = message,
        LogLevel = status == TaskState.Failed ? "error" : "info",
    };

    protected static async Task<TaskRow> CreateAsync(ITaskStore store, CreateTaskParams p) =>
        (await store.CreateTaskAsync(p, Ct)).Task;

    /// <summary>Creates one task and claims it on <paramref name="node"/>; returns the running row.</summary>
    protected static async Task<TaskRow> CreateRunningAsync(ITaskStore store, CreateTaskParams? p = null, string node = "node-a")
    {
        var created = await CreateAsync(store, p ?? NewTask());
        var claimed = await store.ClaimAsync(NewClaim(node, limit: 100), Ct);
        return Assert.Single(claimed, t => t.Id == created.Id);
    }

    protected static async Task<TaskRow> GetAsync(ITaskStore store, long id) =>
        await store.GetTaskAsync(id, Ct) ?? throw new InvalidOperationException($"Task {id} is missing.");

    protected static async Task<IReadOnlyList<TaskLogLine>> LogsAsync(ITaskStore store, long id) =>
        await store.GetLogsAsync(id, 0, 1000, Ct);
}
