namespace Tasklane;

/// <summary>Why a subtask retry was refused.</summary>
public enum SubtaskRetryRefusal
{
    /// <summary>Not refused.</summary>
    None,
    /// <summary>No such subtask.</summary>
    NotFound,
    /// <summary>Only a failed subtask can be retried.</summary>
    NotFailed,
    /// <summary>The subtask failed longer ago than <c>subtask_retry_window_hours</c>.</summary>
    OutsideWindow,
}

/// <summary>Retries one failed subtask within the retry window; its parent reopens and its dependents run once it succeeds.</summary>
public sealed class SubtaskService
{
    private readonly ITaskStore _store;
    private readonly ITaskSettingsProvider _settings;
    private readonly ITaskClient _client;
    private readonly TimeProvider _time;

    internal SubtaskService(ITaskStore store, ITaskSettingsProvider settings, ITaskClient client, TimeProvider time)
    {
        _store = store;
        _settings = settings;
        _client = client;
        _time = time;
    }

    /// <summary>Retries the subtask, or says why not.</summary>
    public async Task<(SubtaskRetryRefusal Refusal, TaskRow? Subtask)> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var subtask = await _store.GetTaskAsync(id, cancellationToken);
        if (subtask?.ParentId is null) return (SubtaskRetryRefusal.NotFound, null);
        if (subtask.Status != TaskState.Failed) return (SubtaskRetryRefusal.NotFailed, subtask);
        var window = TimeSpan.FromHours((await _settings.GetAsync(cancellationToken)).SubtaskRetryWindowHours);
        if (_time.GetUtcNow() - (subtask.EndedAt ?? subtask.UpdatedAt) > window) return (SubtaskRetryRefusal.OutsideWindow, subtask);
        var result = await _client.RetryAsync(id, cancellationToken);
        return result.Outcome == TransitionOutcome.Done ? (SubtaskRetryRefusal.None, result.Task) : (SubtaskRetryRefusal.NotFailed, result.Task);
    }
}
