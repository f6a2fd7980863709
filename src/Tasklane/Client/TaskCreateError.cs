namespace Tasklane;

/// <summary>Why a task could not be created.</summary>
public enum TaskCreateError
{
    /// <summary>The data does not fit the action's arguments, or an option is out of range (HTTP 400).</summary>
    InvalidData,
    /// <summary>No worker with that identifier (HTTP 422).</summary>
    UnknownWorker,
    /// <summary>The worker has no such action (HTTP 422).</summary>
    UnknownAction,
    /// <summary>The worker is inactive and takes no new tasks (HTTP 422).</summary>
    InactiveWorker,
    /// <summary>The action only runs as a subtask of another task and cannot be created on its own (HTTP 422).</summary>
    SubtaskOnlyAction,
    /// <summary>Too many creates competed for the same moment (a schedule triggered over and over); trying again succeeds (HTTP 409).</summary>
    Conflict,
}
