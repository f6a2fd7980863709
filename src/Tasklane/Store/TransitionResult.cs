namespace Tasklane;

/// <summary>How an operator's transition (cancel, retry, execute, delete) went.</summary>
public enum TransitionOutcome
{
    /// <summary>Done.</summary>
    Done,
    /// <summary>No such task (or deleted).</summary>
    NotFound,
    /// <summary>The task is not in a state that allows it.</summary>
    WrongState,
}

/// <summary>The outcome and the task as it is afterwards.</summary>
/// <param name="Outcome">How it went.</param>
/// <param name="Task">The task after the transition (before, on <see cref="TransitionOutcome.WrongState"/>).</param>
public sealed record TransitionResult(TransitionOutcome Outcome, TaskRow? Task);
