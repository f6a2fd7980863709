namespace Tasklane;

/// <summary>The log lines of one task up to and including a sequence number.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="UpToSeq">The last sequence number included.</param>
public sealed record LogCut(long TaskId, long UpToSeq);
