using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>A task's log (incremental and exported) and its result file.</summary>
internal static class TaskLogEndpoints
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 5000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/api/tasks/{id}/logs", TaskAccess.Handle(LogsAsync)).RequirePermission(Permissions.TaskView)
            .WithTags("Tasks").WithSummary("Log lines, oldest first")
            .WithQuery(new ApiQueryParameter("after", "integer", "Only lines after this sequence number"), new("limit", "integer", "At most this many lines (default 1000, max 5000)"));
        group.MapGet("/api/tasks/{id}/logs/export", TaskAccess.Handle(ExportAsync)).RequirePermission(Permissions.TaskView)
            .WithTags("Tasks").WithSummary("The log as a file to download")
            .WithQuery(new ApiQueryParameter("format", "string", "html (default) | text"));
        group.MapGet("/api/tasks/{id}/artifact", TaskAccess.Handle(ArtifactAsync)).RequirePermission(Permissions.TaskView)
            .WithTags("Tasks").WithSummary("The task's result file");
    }

    private static async Task<Results<ApiOk<LogPageDto>, ApiProblem>> LogsAsync(HttpContext context)
    {
        var q = new QueryReader(context.Request);
        var after = q.Long("after", min: 0) ?? 0;
        var limit = Math.Min(q.Int("limit", min: 1) ?? DefaultLimit, MaxLimit);
        if (q.Error is not null) return q.Error;
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        var lines = await Logs(context).GetAsync(task!.Id, after, limit, context.RequestAborted);
        return ApiResults.Ok(new LogPageDto([.. lines.Select(LogLineDto.From)], lines.Count > 0 ? lines[^1].Seq : after));
    }

    private static async Task<IResult> ExportAsync(HttpContext context)
    {
        var format = (context.Request.Query["format"].ToString() is { Length: > 0 } f ? f : "html").ToLowerInvariant();
        if (format is not ("html" or "text")) return Problems.BadRequest("format", "format must be html or text");
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;

        return new LogExportResult(task!, format);
    }

    private static async Task<IResult> ArtifactAsync(HttpContext context)
    {
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        if (task!.Artifact is not { } artifact) return Problems.Status(StatusCodes.Status404NotFound, "This task has no artifact.");
        var stream = await context.RequestServices.GetRequiredService<IArtifactStore>().OpenReadAsync(artifact.FileKey, context.RequestAborted);
        if (stream is null) return Problems.Status(StatusCodes.Status404NotFound, "The artifact file is gone.");
        return TypedResults.File(stream, "application/octet-stream", artifact.Name);
    }

    private static TaskLogs Logs(HttpContext context) => context.RequestServices.GetRequiredService<TaskLogs>();
}
