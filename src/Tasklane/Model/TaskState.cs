namespace Tasklane;

/// <summary>The lifecycle status of a task or subtask (serialised in lower case).</summary>
public enum TaskState
{
    /// <summary>Waiting to be claimed, now or at <c>run_at</c>.</summary>
    Pending,
    /// <summary>Claimed by a node under a lease.</summary>
    Running,
    /// <summary>Finished successfully.</summary>
    Completed,
    /// <summary>Finished with an error and no attempt left.</summary>
    Failed,
    /// <summary>Cancelled by an operator or by code.</summary>
    Cancelled,
}
