namespace Tasklane;

/// <summary>
/// One object a task belongs to: the event that triggered it, the VM it works on. A task's first link is its
/// <c>object_type</c>/<c>object_id</c>; the object filters of a list match any link.
/// </summary>
/// <param name="Type">The kind of object, e.g. <c>vm</c> (null only for the object of a task made with an object id alone).</param>
/// <param name="Id">The object's id (null only for the object of a task made with an object type alone).</param>
public sealed record TaskLink(string? Type, string? Id);
