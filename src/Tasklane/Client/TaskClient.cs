using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tasklane;

/// <summary>Creates and steers tasks; wakes the dispatchers and cancels running handlers at once (here directly, elsewhere through the notifier).</summary>
internal sealed partial class TaskClient(
    ITaskStore store,
    WorkerRegistry registry,
    TaskSignal signal,
    Notifier notifier,
    RunningTasks running,
    TimeProvider time,
    Retention retention,
    WorkerCatalog catalog,
    TasklaneMetrics metrics,
    CommitWatcher commits,
    IEnumerable<ITaskCreatorAccessor> creatorAccessors) : ITaskClient
{
    private const int MaxKeyLength = 200;

    public Task<TaskRow> CreateAsync(string worker, string action, object? data, TaskOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateFromJsonAsync(worker, action, ToJson(data), options, cancellationToken);

    /// <summary>
    /// Task data as JSON: null is <c>{}</c>, a string is taken as JSON already, a <see cref="JsonElement"/> as its raw text,
    /// anything else is serialized. Every path that turns caller data into task data goes through here.
    /// </summary>
    internal static string ToJson(object? data) => data switch
    {
        null => "{}",
        string s => s,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(data, data.GetType(), TasklaneJson.Options),
    };

    public async Task<TaskRow> CreateFromJsonAsync(string worker, string action, string? json, TaskOptions? options = null, CancellationToken cancellationToken = default) =>
        (await CreateOrGetFromJsonAsync(worker, action, json, options, cancellationToken)).Task;

    public async Task<CreateTaskResult> CreateOrGetFromJsonAsync(string worker, string action, string? json, TaskOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(worker, action, json, options, cancellationToken);
        using var activity = TaskTracing.StartCreate(worker, action);
        var result = await store.CreateTaskAsync(prepared, cancellationToken);
        TaskTracing.Created(activity, result.Task);
        if (result.Created)
        {
            metrics.Created(result.Task);
            Wake();
        }
        return result;
    }

    public async Task<IReadOnlyList<TaskRow>> CreateManyAsync(IReadOnlyList<TaskRequest> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) return [];
        var prepared = await PrepareManyAsync(tasks, cancellationToken);
        using var activity = TaskTracing.StartCreate(prepared[0].Worker, prepared[0].Action, prepared.Count);
        var results = await store.CreateTasksAsync(prepared, cancellationToken);
        var created = false;
        foreach (var result in results)
        {
            if (!result.Created) continue;
            metrics.Created(result.Task);
            created = true;
        }
        if (created) Wake();
        return [.. results.Select(r => r.Task)];
    }

    public ITransactionalTaskClient InTransaction(DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new TransactionalTaskClient(this, transaction);
    }

    /// <summary>
    /// Creates a batch of tasks inside the application's transaction; once the commit is visible the
    /// <see cref="CommitWatcher"/> counts them and wakes the dispatcher (the store's NOTIFY wakes the other nodes). With
    /// <paramref name="single"/> (one task of <see cref="ITransactionalTaskClient.CreateAsync"/>), refusals name its
    /// fields without a <c>tasks[0].</c> prefix.
    /// </summary>
    internal async Task<IReadOnlyList<TaskRow>> CreateInTransactionAsync(DbTransaction transaction, IReadOnlyList<TaskRequest> tasks, CancellationToken cancellationToken,
        bool single = false)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var transactional = store as ITransactionalTaskStore
            ?? throw new NotSupportedException($"The {store.Name} store cannot create tasks inside an application transaction.");
        if (tasks.Count == 0) return [];
        var prepared = single
            ? [await PrepareAsync(tasks[0].Worker, tasks[0].Action, ToJson(tasks[0].Data), tasks[0].Options, cancellationToken)]
            : await PrepareManyAsync(tasks, cancellationToken);
        using var activity = TaskTracing.StartCreate(prepared[0].Worker, prepared[0].Action, prepared.Count);
        var results = await transactional.CreateTasksAsync(transaction, prepared, cancellationToken);
        if (results.Count == 1) TaskTracing.Created(activity, results[0].Task);
        commits.Watch([.. results.Where(r => r.Created).Select(r => r.Task)]);
        return [.. results.Select(r => r.Task)];
    }

    /// <summary>
    /// Checks and builds every task of a batch before anything is written; one creation time for the batch, as its one
    /// transaction has. Each distinct (worker, action) is looked up and checked once (<see cref="CreateBatch"/>); each
    /// task's data and options are checked on their own.
    /// </summary>
    private async Task<List<CreateTaskParams>> PrepareManyAsync(IReadOnlyList<TaskRequest> tasks, CancellationToken cancellationToken)
    {
        var batch = NewBatch();
        var prepared = new List<CreateTaskParams>(tasks.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            var request = tasks[i] ?? throw new TaskCreateException(TaskCreateError.InvalidData, $"tasks[{i}]", $"tasks[{i}] is missing.");
            try
            {
                if (!batch.TryGetAction(request.Worker, request.Action, out var found))
                {
                    found = await ResolveAsync(request.Worker, request.Action, asSubtask: false, cancellationToken);
                    batch.AddAction(request.Worker, request.Action, found.Worker, found.Action);
                }
                prepared.Add(Build(found.Worker, found.Action, request.Worker, request.Action, ToJson(request.Data), request.Options, batch));
            }
            catch (TaskCreateException ex)
            {
                var field = ex.Field is null ? $"tasks[{i}]" : $"tasks[{i}].{ex.Field}";
                throw new TaskCreateException(ex.Error, field, $"tasks[{i}]: {ex.Message}");
            }
        }
        return prepared;
    }

    /// <summary>A batch of one call: its time, and the caller's trace and creator read once.</summary>
    private CreateBatch NewBatch()
    {
        TaskCreator? creator = null;
        foreach (var accessor in creatorAccessors)
        {
            if ((creator = accessor.Current) is not null) break;
        }
        return new CreateBatch(time.GetUtcNow(), creator, TaskTracing.Capture());
    }

    /// <summary>
    /// Checks everything about a new task and builds the row to insert; throws <see cref="TaskCreateException"/>.
    /// The worker, the action and the worker's active state are checked before the data (422 before 400).
    /// <paramref name="asSubtask"/> is true only for the subtasks a handler creates: they may use subtask-only actions.
    /// </summary>
    internal async Task<CreateTaskParams> PrepareAsync(string worker, string action, string? json, TaskOptions? options, CancellationToken cancellationToken,
        bool asSubtask = false)
    {
        var found = await ResolveAsync(worker, action, asSubtask, cancellationToken);
        return Build(found.Worker, found.Action, worker, action, json, options, NewBatch());
    }

    /// <summary>The worker and action of a new task, checked: known, creatable here, and the worker active.</summary>
    private async Task<(WorkerDescriptor Worker, ActionDescriptor Action)> ResolveAsync(string worker, string action, bool asSubtask, CancellationToken cancellationToken)
    {
        var descriptor = registry.Find(worker)
            ?? throw new TaskCreateException(TaskCreateError.UnknownWorker, "worker", $"Unknown worker '{worker}'.");
        if (!descriptor.Actions.TryGetValue(action, out var actionDescriptor))
        {
            throw new TaskCreateException(TaskCreateError.UnknownAction, "action", $"Worker '{worker}' has no action '{action}'.");
        }
        if (actionDescriptor.SubtaskOnly && !asSubtask)
        {
            throw new TaskCreateException(TaskCreateError.SubtaskOnlyAction, "action",
                $"Action '{worker}/{action}' only runs as a subtask of another task and cannot be created on its own.");
        }
        if (!await catalog.IsActiveAsync(worker, cancellationToken))
        {
            throw new TaskCreateException(TaskCreateError.InactiveWorker, "worker", $"Worker '{worker}' is inactive and takes no new tasks.");
        }
        return (descriptor, actionDescriptor);
    }

    /// <summary>Checks the data and the options of one task of an already checked worker action and builds its row.</summary>
    private static CreateTaskParams Build(WorkerDescriptor descriptor, ActionDescriptor actionDescriptor, string worker, string action, string? json,
        TaskOptions? options, CreateBatch batch)
    {
        options ??= DefaultOptions;
        actionDescriptor.ParseArgs(json);
        var data = string.IsNullOrWhiteSpace(json) ? "{}" : json.Trim() is var trimmed && trimmed == "null" ? "{}" : trimmed;

        var queue = options.Queue ?? descriptor.Queue;
        if (!QueueName().IsMatch(queue)) Invalid("queue", "queue must be 1–64 characters of a-z, 0-9, '-', '_', '.' or ':'");
        var maxAttempts = options.MaxAttempts ?? (actionDescriptor.MaxAttempts > 0 ? actionDescriptor.MaxAttempts : descriptor.MaxAttempts);
        if (maxAttempts is < 1 or > 100) Invalid("max_attempts", "max_attempts must be between 1 and 100");
        if (!Enum.IsDefined(options.Priority)) Invalid("priority", "priority must be high, normal or low");
        CheckLength(options.IdempotencyKey, "idempotency_key");
        CheckLength(options.ObjectType, "object_type");
        CheckLength(options.ObjectId, "object_id");
        CheckLength(options.ConcurrencyKey, "concurrency_key");
        if (options.ConcurrencyLimit is < 1) Invalid("concurrency_limit", "concurrency_limit must be 1 or more");
        // A key given on create wins over the action's default key from the data.
        var concurrencyKey = options.ConcurrencyKey ?? actionDescriptor.ConcurrencyKey?.KeyFor(data);
        CheckLength(concurrencyKey, "concurrency_key");
        var concurrencyLimit = options.ConcurrencyLimit ?? (options.ConcurrencyKey is null && actionDescriptor.ConcurrencyKey is not null ? actionDescriptor.ConcurrencyLimit : 1);
        var tags = Tags(options.Tags);
        var links = Links(options.ObjectType, options.ObjectId, options.Links);

        var creator = options.CreatedBy ?? batch.DefaultCreator;
        var now = batch.Now;
        var runAt = options.RunAt?.ToUniversalTime() ?? now;
        var by = creator?.Username ?? (options.ScheduleId is { } schedule ? $"schedule {schedule}" : "system");
        return new CreateTaskParams
        {
            Worker = worker,
            Action = action,
            Data = data,
            Queue = queue,
            Priority = options.Priority,
            MaxAttempts = maxAttempts,
            RunAt = runAt,
            TimeoutSeconds = actionDescriptor.TimeoutSeconds > 0 ? actionDescriptor.TimeoutSeconds : null,
            CreatedById = creator?.UserId,
            CreatedByName = creator?.Username,
            Category = options.Category,
            IpAddress = options.IpAddress ?? creator?.IpAddress,
            ScheduleId = options.ScheduleId,
            ParentId = options.ParentId,
            ObjectType = links.Count > 0 ? links[0].Type : null,
            ObjectId = links.Count > 0 ? links[0].Id : null,
            Tags = tags,
            Links = links,
            ClonedFrom = options.ClonedFrom,
            IdempotencyKey = options.IdempotencyKey,
            ConcurrencyKey = concurrencyKey,
            ConcurrencyLimit = concurrencyLimit,
            // The caller's trace, read once per batch: the execution links to it, on whichever node and after any restart.
            TraceContext = batch.TraceContext,
            Now = now,
            LogMessage = runAt > now ? $"Created by {by}; due at {runAt:O}" : batch.CreatedNowBy(by),
        };
    }

    /// <summary>The options of a task created without any: shared, as a record with init-only members cannot change.</summary>
    private static readonly TaskOptions DefaultOptions = new();

    public async Task<TaskRow?> CloneAsync(long id, TaskCloneOptions? changes = null, CancellationToken cancellationToken = default)
    {
        var source = await store.GetTaskAsync(id, cancellationToken);
        if (source is null) return null;
        changes ??= new TaskCloneOptions();
        var hasObject = source.ObjectType is not null || source.ObjectId is not null;
        var options = new TaskOptions
        {
            Queue = changes.Queue ?? source.Queue,
            Priority = changes.Priority ?? source.Priority,
            MaxAttempts = source.MaxAttempts,
            RunAt = changes.RunAt,
            ObjectType = source.ObjectType,
            ObjectId = source.ObjectId,
            Tags = source.Tags,
            Links = hasObject ? [.. source.Links.Skip(1)] : source.Links,
            ClonedFrom = source.Id,
            // The same concurrency key while the data stays; with new data the action's default key (if any) is worked out again.
            ConcurrencyKey = changes.Data is null ? source.ConcurrencyKey : null,
            ConcurrencyLimit = changes.Data is null && source.ConcurrencyKey is not null ? source.ConcurrencyLimit : null,
            CreatedBy = changes.CreatedBy,
            IpAddress = changes.IpAddress,
        };
        var data = changes.Data is null ? source.Data : ToJson(changes.Data);
        return (await CreateOrGetFromJsonAsync(source.Worker, source.Action, data, options, cancellationToken)).Task;
    }

    public Task<TaskRow?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        store.GetTaskAsync(id, cancellationToken);

    public async Task<TransitionResult> CancelAsync(long id, CancellationToken cancellationToken = default)
    {
        var result = await store.CancelAsync(id, time.GetUtcNow(), cancellationToken);
        if (result is { Outcome: TransitionOutcome.Done, Task.Status: TaskState.Running } && !running.RequestCancel(id))
        {
            // Running on another node: tell it now rather than at its next heartbeat.
            await notifier.CancelRequestedAsync(id, cancellationToken);
        }
        else if (result is { Outcome: TransitionOutcome.Done, Task.Status: TaskState.Cancelled })
        {
            // A pending task cancelled: no count of running tasks nor new id shows it, so the open pages are told.
            await notifier.TaskChangedAsync(id, cancellationToken);
        }
        return result;
    }

    public async Task<TransitionResult> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        var result = await store.RetryAsync(id, time.GetUtcNow(), cancellationToken);
        if (result.Outcome == TransitionOutcome.Done) Wake();
        return result;
    }

    public async Task<TransitionResult> ExecuteNowAsync(long id, CancellationToken cancellationToken = default)
    {
        var result = await store.ExecuteNowAsync(id, time.GetUtcNow(), cancellationToken);
        if (result.Outcome == TransitionOutcome.Done) Wake();
        return result;
    }

    public Task<TransitionResult> DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(id, time.GetUtcNow(), cancellationToken);

    public Task<TaskBulkResult> BulkAsync(TaskBulkAction action, IReadOnlyList<long> ids, long? visibleTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count > TaskBulkParams.MaxIds) throw new ArgumentException($"A bulk call names at most {TaskBulkParams.MaxIds} ids.", nameof(ids));
        return BulkAsync(new TaskBulkParams { Action = action, Ids = ids, VisibleTo = visibleTo, Now = time.GetUtcNow() }, cancellationToken);
    }

    public Task<TaskBulkResult> BulkAsync(TaskBulkAction action, TaskQuery filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return BulkAsync(new TaskBulkParams { Action = action, Filter = filter, Now = time.GetUtcNow() }, cancellationToken);
    }

    /// <summary>Runs the bulk transition, then wakes the dispatchers once, or tells the handlers asked to stop.</summary>
    private async Task<TaskBulkResult> BulkAsync(TaskBulkParams p, CancellationToken cancellationToken)
    {
        var result = await store.BulkAsync(p, cancellationToken);
        if (result.Changed > 0 && p.Action is TaskBulkAction.Retry or TaskBulkAction.Execute) Wake();
        foreach (var id in result.CancelRequested)
        {
            // Running on another node: tell it now rather than at its next heartbeat (running tasks are few: one message each).
            if (!running.RequestCancel(id)) await notifier.CancelRequestedAsync(id, cancellationToken);
        }
        // Pending tasks cancelled (the changed ones that were not running): the open pages are told once.
        if (p.Action == TaskBulkAction.Cancel && result.Changed > result.CancelRequested.Count) await notifier.TaskChangedAsync(null, cancellationToken);
        return result;
    }

    public async Task<int> ProcessPendingAsync(long? visibleTo, CancellationToken cancellationToken = default)
    {
        var count = await store.ProcessPendingAsync(time.GetUtcNow(), visibleTo, cancellationToken);
        if (count > 0) Wake();
        return count;
    }

    public async Task<CleanupResult> CleanupAsync(int olderThanDays, long? visibleTo = null, CancellationToken cancellationToken = default)
    {
        if (olderThanDays is < 0 or > ITaskClient.MaxCleanupDays) Invalid("older_than_days", $"older_than_days must be between 0 and {ITaskClient.MaxCleanupDays}");
        var cutoff = time.GetUtcNow().AddDays(-olderThanDays);
        return await retention.RemoveAsync(new CleanupParams { CompletedBefore = cutoff, DeletedBefore = cutoff, VisibleTo = visibleTo }, cancellationToken);
    }

    /// <summary>Wakes this node's dispatcher at once and the other nodes' through the notifier.</summary>
    private void Wake()
    {
        signal.Wake();
        notifier.TaskDue();
    }

    /// <summary>The tags of a new task: checked, in the given order, without duplicates.</summary>
    private static IReadOnlyList<string> Tags(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0) return [];
        var result = new List<string>(tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > TaskOptions.MaxTagLength || tag.Any(char.IsControl) || tag.Trim().Length != tag.Length)
            {
                Invalid($"tags[{i}]", $"a tag must be 1–{TaskOptions.MaxTagLength} characters, without control characters or spaces at either end");
            }
            if (!result.Contains(tag, StringComparer.Ordinal)) result.Add(tag);
        }
        if (result.Count > TaskOptions.MaxTags) Invalid("tags", $"a task has at most {TaskOptions.MaxTags} tags");
        return result;
    }

    /// <summary>
    /// The links of a new task: the object (when given) first, then the given links, without duplicates; each link of
    /// <paramref name="links"/> needs a type and an id.
    /// </summary>
    private static IReadOnlyList<TaskLink> Links(string? objectType, string? objectId, IReadOnlyList<TaskLink>? links)
    {
        if (objectType is null && objectId is null && (links is null || links.Count == 0)) return [];
        var result = new List<TaskLink>();
        if (objectType is not null || objectId is not null) result.Add(new TaskLink(objectType, objectId));
        for (var i = 0; i < (links?.Count ?? 0); i++)
        {
            var link = links![i] ?? throw new TaskCreateException(TaskCreateError.InvalidData, $"links[{i}]", $"links[{i}] is missing.");
            if (link.Type is null or { Length: 0 or > MaxKeyLength }) Invalid($"links[{i}].type", $"links[{i}].type must be 1–{MaxKeyLength} characters");
            if (link.Id is null or { Length: 0 or > MaxKeyLength }) Invalid($"links[{i}].id", $"links[{i}].id must be 1–{MaxKeyLength} characters");
            if (!result.Contains(link)) result.Add(link);
        }
        if (result.Count > TaskOptions.MaxLinks) Invalid("links", $"a task has at most {TaskOptions.MaxLinks} links");
        return result;
    }

    private static void CheckLength(string? value, string field)
    {
        if (value is { Length: 0 or > MaxKeyLength }) Invalid(field, $"{field} must be 1–{MaxKeyLength} characters");
    }

    private static void Invalid(string field, string message) =>
        throw new TaskCreateException(TaskCreateError.InvalidData, field, message);

    [GeneratedRegex("^[a-z0-9_.:-]{1,64}$")]
    private static partial Regex QueueName();
}
