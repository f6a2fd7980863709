namespace Tasklane;

/// <summary>
/// Supplies the creator of tasks made without an explicit one. The ASP.NET Core package
/// registers an implementation that reads the current HTTP request's user and client IP.
/// </summary>
public interface ITaskCreatorAccessor
{
    /// <summary>The current creator, or null outside a request.</summary>
    TaskCreator? Current { get; }
}
