namespace Tasklane.AspNetCore;

/// <summary>The user who created a task.</summary>
internal sealed record CreatorDto(long Id, string Username);
