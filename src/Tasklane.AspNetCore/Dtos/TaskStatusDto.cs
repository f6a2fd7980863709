namespace Tasklane.AspNetCore;

/// <summary>The quick status poll (<c>GET /api/tasks/:id/status</c>): status, progress and message, and the whole task as the detail answers it.</summary>
internal sealed record TaskStatusDto(TaskState Status, double Progress, string? Message, TaskDetailDto TaskData);
