using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tasklane.AspNetCore;

/// <summary>
/// <c>GET /api/tasks/:id/events</c>: Server-Sent Events <c>status</c>, <c>progress</c> and <c>log</c>, polled from
/// the store every 500 ms, until the task is final (or deleted). The log starts after <c>?after=</c> (the page's last
/// rendered line) or <c>Last-Event-ID</c> (a reconnect), whichever is later.
/// </summary>
internal static class TaskEventsEndpoint
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private const int LogBatch = 500;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/api/tasks/{id}/events", TaskAccess.Handle(StreamAsync)).RequireAuthorization(Permissions.TaskView);

    private static async Task<IResult> StreamAsync(HttpContext context)
    {
        var q = new QueryReader(context.Request);
        var after = q.Long("after", min: 0);
        if (q.Error is not null) return q.Error;
        long afterSeq = 0;
        if (context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } last
            && !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return Problems.BadRequest("Last-Event-ID", "Last-Event-ID must be a log sequence number");
        }
        // A reconnect's Last-Event-ID is newer than the after= the page opened the stream with.
        afterSeq = Math.Max(afterSeq, after ?? 0);
        var (task, error) = await TaskAccess.LoadAsync(context);
        if (error is not null) return error;
        await RunAsync(context, task!, afterSeq, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static async Task RunAsync(HttpContext context, TaskRow task, long afterSeq, CancellationToken cancellationToken)
    {
        var store = context.RequestServices.GetRequiredService<ITaskStore>();
        var logs = context.RequestServices.GetRequiredService<TaskLogs>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        TaskRow? previous = null;
        try
        {
            while (true)
            {
                afterSeq = await WriteLogsAsync(response, logs, task.Id, afterSeq, cancellationToken);
                if (previous is null || previous.Status != task.Status || previous.Attempt != task.Attempt || previous.CancelRequested != task.CancelRequested)
                {
                    await WriteAsync(response, "status", null, new
                    {
                        id = task.Id, status = task.Status, progress = task.Progress, message = task.Message,
                        attempt = task.Attempt, error = task.Error, cancel_requested = task.CancelRequested,
                        started_at = task.StartedAt, ended_at = task.EndedAt,
                    }, cancellationToken);
                }
                if (previous is null || previous.Progress != task.Progress || previous.Message != task.Message
                    || previous.Processed != task.Processed || previous.Total != task.Total)
                {
                    await WriteAsync(response, "progress", null, new
                    {
                        id = task.Id, progress = task.Progress, message = task.Message,
                        processed = task.Processed, total = task.Total, eta_seconds = task.EtaSeconds,
                    }, cancellationToken);
                }
                await response.Body.FlushAsync(cancellationToken);
                if (task.IsFinal) return;

                await Task.Delay(PollInterval, time, cancellationToken);
                previous = task;
                var next = await store.GetTaskAsync(task.Id, cancellationToken);
                if (next is null)
                {
                    await WriteAsync(response, "status", null, new { id = task.Id, status = "deleted" }, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    return;
                }
                task = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<long> WriteLogsAsync(HttpResponse response, TaskLogs logs, long taskId, long afterSeq, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lines = await logs.GetAsync(taskId, afterSeq, LogBatch, cancellationToken);
            foreach (var line in lines)
            {
                await WriteAsync(response, "log", line.Seq.ToString(CultureInfo.InvariantCulture), LogLineDto.From(line), cancellationToken);
                afterSeq = line.Seq;
            }
            if (lines.Count < LogBatch) return afterSeq;
        }
    }

    private static Task WriteAsync(HttpResponse response, string name, string? id, object data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(name).Append('\n');
        if (id is not null) text.Append("id: ").Append(id).Append('\n');
        text.Append("data: ").Append(JsonSerializer.Serialize(data, ApiJson.Options)).Append("\n\n");
        return response.WriteAsync(text.ToString(), cancellationToken);
    }
}
