namespace Tasklane.AspNetCore;

/// <summary>A page of the audit log.</summary>
internal sealed record AuditPageDto(IReadOnlyList<AuditDto> Items, long Total, int Current, int PageSize);
