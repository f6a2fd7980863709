namespace Tasklane.AspNetCore;

/// <summary>Log lines, oldest first, with the sequence number of the last one (the next call's <c>after</c>).</summary>
internal sealed record LogPageDto(IReadOnlyList<LogLineDto> Items, long LastSeq);
