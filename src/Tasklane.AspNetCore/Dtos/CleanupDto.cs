namespace Tasklane.AspNetCore;

/// <summary>The answer of <c>POST /api/tasks/cleanup</c>: the tasks and log lines removed.</summary>
internal sealed record CleanupDto(int Tasks, int LogLines);
