namespace Tasklane.AspNetCore;

/// <summary>
/// A page of the task lists: the items, the (possibly capped) total, the page asked for, and the keyset cursor of the
/// next page (null on the last page).
/// </summary>
internal sealed record PageDto<T>(IReadOnlyList<T> Items, long Total, int Current, int PageSize, bool TotalCapped, long? NextAfterId);
