using System.Globalization;
using System.Security.Claims;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        group.MapGet("/api/tasks/{id}/events", TaskAccess.Handle(StreamAsync)).RequirePermission(Permissions.TaskView)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .WithTags("Tasks").WithSummary("Server-Sent Events: status, progress and log until the task ends")
            .WithQuery(new ApiQueryParameter("after", "integer", "Only log lines after this sequence number (a reconnect's Last-Event-ID wins when later)"));

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
        // For a proxy (nginx) in front: do not buffer the stream.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(EventsAsync(context, task!, afterSeq, context.RequestAborted));
    }

    /// <summary>
    /// The stream's events, each one's data serialized with the API's JSON (snake_case) already; the result writes and
    /// flushes each as it comes. Ends when the task is final or deleted, the caller may no longer see it, or the client
    /// goes away (then quietly: no exception leaves the enumerator for a disconnect).
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        HttpContext context, TaskRow task, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var accounts = context.RequestServices.GetRequiredService<IAccountStore>();
        var watcher = context.RequestServices.GetRequiredService<TaskWatcher>();
        var logs = context.RequestServices.GetRequiredService<TaskLogs>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var recheck = context.RequestServices.GetRequiredService<IOptions<TasklaneHttpOptions>>().Value.EventStreamRecheckInterval;
        var nextCheck = time.GetUtcNow() + recheck;

        TaskRow? previous = null;
        WatchedTask? seen = null;
        var seenAny = false;
        var lastSeq = long.MaxValue;
        while (true)
        {
            while (lastSeq > afterSeq)
            {
                var lines = await LogsOrNullAsync(logs, task.Id, afterSeq, cancellationToken);
                if (lines is null) yield break;
                foreach (var line in lines)
                {
                    yield return Event("log", LogLineDto.From(line), line.Seq.ToString(CultureInfo.InvariantCulture));
                    afterSeq = line.Seq;
                }
                if (lines.Count < LogBatch) break;
            }
            if (previous is null || previous.Status != task.Status || previous.Attempt != task.Attempt || previous.CancelRequested != task.CancelRequested)
            {
                yield return Event("status", new
                {
                    id = task.Id, status = task.Status, progress = task.Progress, message = task.Message,
                    attempt = task.Attempt, error = task.Error, cancel_requested = task.CancelRequested,
                    started_at = task.StartedAt, ended_at = task.EndedAt,
                });
            }
            if (previous is null || previous.Progress != task.Progress || previous.Message != task.Message
                || previous.Processed != task.Processed || previous.Total != task.Total)
            {
                yield return Event("progress", new
                {
                    id = task.Id, progress = task.Progress, message = task.Message,
                    processed = task.Processed, total = task.Total, eta_seconds = task.EtaSeconds,
                });
            }
            if (task.IsFinal) yield break;

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
                    catch (OperationCanceledException)
                    {
                        // Time to check the token again, or the client went away (below).
                    }
                }
                if (cancellationToken.IsCancellationRequested) yield break;
                if (!changed || time.GetUtcNow() >= nextCheck)
                {
                    nextCheck = time.GetUtcNow() + recheck;
                    var (reason, aborted) = await RefusalOrAbortAsync(context, accounts, task, time, cancellationToken);
                    if (aborted) yield break;
                    if (reason is not null)
                    {
                        yield return Event("end", new { id = task.Id, reason });
                        yield break;
                    }
                }
            }
            previous = task;
            (seen, seenAny) = (next, true);
            if (next is not { } watched)
            {
                yield return Event("status", new { id = task.Id, status = "deleted" });
                yield break;
            }
            task = watched.Task;
            lastSeq = watched.LastSeq;
        }
    }

    /// <summary>The next batch of log lines, or null when the client went away.</summary>
    private static async Task<IReadOnlyList<TaskLogLine>?> LogsOrNullAsync(TaskLogs logs, long taskId, long afterSeq, CancellationToken cancellationToken)
    {
        try
        {
            return await logs.GetAsync(taskId, afterSeq, LogBatch, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<(string? Reason, bool Aborted)> RefusalOrAbortAsync(
        HttpContext context, IAccountStore store, TaskRow task, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return (await RefusalAsync(context, store, task, time, cancellationToken), false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, true);
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

    private static SseItem<string> Event(string name, object data, string? id = null) =>
        new(JsonSerializer.Serialize(data, ApiJson.Options), name) { EventId = id };
}
