namespace Tasklane;

/// <summary>Who creates a task, and from where.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Username">The user's name.</param>
/// <param name="IpAddress">The client address, when created over HTTP.</param>
public sealed record TaskCreator(long UserId, string Username, string? IpAddress = null);
