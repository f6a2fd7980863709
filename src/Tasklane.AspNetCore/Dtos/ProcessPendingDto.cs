namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/tasks/process-pending</c>: how many due-later pending tasks were made due now.</summary>
internal sealed record ProcessPendingDto(int Count);
