namespace Tasklane;

/// <summary>A message from one node to every node sharing the store.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TaskId">The task concerned, when there is one.</param>
public sealed record TaskNotification(TaskNotificationKind Kind, long? TaskId = null);
