using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// <c>GET /api/tasks/:id/events</c>: Server-Sent Events <c>status</c>, <c>progress</c> and <c>log</c>, until the task is
/// final (or deleted). The stream waits on the process's <see cref="TaskWatcher"/>, which reads every watched task in one
/// query per tick; a stream reads the store itself only for log lines that are new. The log starts after <c>?after=</c> (the page's last
/// rendered line) or <c>Last-Event-ID</c> (a reconnect), whichever is later. Every
/// <see cref="TasklaneHttpOptions.EventStreamRecheckInterval"/> the stream checks again that its token is still good
/// (not signed out, revoked, expired, nor its user disabled) and that its user may still see the task; when not, it
/// sends an <c>end</c> event with the reason (<c>unauthorized</c> or <c>forbidden</c>) and closes.
/// </summary>
internal static class TaskEventsEndpoint
{
    private const int LogBatch = 500;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/api/tasks/{id}/events", TaskAccess.Handle(StreamAsync)).RequirePermission(Permissions.TaskView);

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
        var accounts = context.RequestServices.GetRequiredService<IAccountStore>();
        var watcher = context.RequestServices.GetRequiredService<TaskWatcher>();
        var logs = context.RequestServices.GetRequiredService<TaskLogs>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var recheck = context.RequestServices.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.EventStreamRecheckInterval;
        var nextCheck = time.GetUtcNow() + recheck;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        TaskRow? previous = null;
        WatchedTask? seen = null;
        var seenAny = false;
        var lastSeq = long.MaxValue;
        try
        {
            while (true)
            {
                if (lastSeq > afterSeq) afterSeq = await WriteLogsAsync(response, logs, task.Id, afterSeq, cancellationToken);
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

                WatchedTask? next = null;
                var changed = false;
                while (!changed)
                {
                    var untilCheck = nextCheck - time.GetUtcNow();
                    if (untilCheck > TimeSpan.Zero)
                    {
                        using var timer = new CancellationTokenSource(untilCheck, time);
                        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                        try
                        {
                            next = await watcher.NextAsync(task.Id, seen, seenAny, wait.Token);
                            changed = true;
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            // Time to check the token again.
                        }
                    }
                    if (!changed || time.GetUtcNow() >= nextCheck)
                    {
                        nextCheck = time.GetUtcNow() + recheck;
                        if (await RefusalAsync(context, accounts, task, time, cancellationToken) is { } reason)
                        {
                            await WriteAsync(response, "end", null, new { id = task.Id, reason }, cancellationToken);
                            await response.Body.FlushAsync(cancellationToken);
                            return;
                        }
                    }
                }
                previous = task;
                (seen, seenAny) = (next, true);
                if (next is not { } watched)
                {
                    await WriteAsync(response, "status", null, new { id = task.Id, status = "deleted" }, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    return;
                }
                task = watched.Task;
                lastSeq = watched.LastSeq;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>
    /// Null while the stream's token is good and its user may still see the task; else why not: <c>unauthorized</c>
    /// (signed out, token revoked or expired, user disabled or deleted) or <c>forbidden</c> (a role that no longer
    /// grants <c>task:view</c>, or no longer sees this task). One indexed lookup of the token.
    /// </summary>
    private static async Task<string?> RefusalAsync(HttpContext context, IAccountStore store, TaskRow task, TimeProvider time, CancellationToken cancellationToken)
    {
        if (context.User.HasClaim(c => c.Type == TasklaneClaims.HostUserId))
        {
            // A host user's session is the host's: its permissions come from the host's map, fixed for the request.
            return context.User.Has(Permissions.TaskView) && context.User.CanSee(task) ? null : "forbidden";
        }
        var tokenHash = context.User.FindFirstValue(TasklaneClaims.TokenHash);
        if (string.IsNullOrEmpty(tokenHash)) return "unauthorized";
        var user = await store.FindTokenUserAsync(tokenHash, time.GetUtcNow(), cancellationToken);
        if (user is null || user.Disabled) return "unauthorized";
        var now = TasklaneClaims.Create(user, context.User.FindFirstValue(TasklaneClaims.Via) ?? TasklaneClaims.ViaBearer, tokenHash);
        return now.Has(Permissions.TaskView) && now.CanSee(task) ? null : "forbidden";
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
