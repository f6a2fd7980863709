namespace Tasklane;

/// <summary>A task was refused at creation, with the reason and the field at fault.</summary>
public sealed class TaskCreateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskCreateException(TaskCreateError error, string? field, string message)
        : base(message)
    {
        Error = error;
        Field = field;
    }

    /// <summary>The kind of refusal.</summary>
    public TaskCreateError Error { get; }

    /// <summary>The field that is wrong (e.g. <c>data.seconds</c>), when one is.</summary>
    public string? Field { get; }
}
