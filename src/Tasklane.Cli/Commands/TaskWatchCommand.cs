using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary>
/// <c>tasks watch ID</c>: follows a task's Server-Sent Events (<c>GET /api/tasks/:id/events</c>) until it ends, and exits
/// with its outcome: 0 completed, 10 failed, 11 cancelled, 12 deleted, 13 not ended within <c>--timeout</c>. A stream
/// that breaks is opened again from the last log line seen (<c>Last-Event-ID</c>), a few times, before exit 3.
/// </summary>
internal static class TaskWatchCommand
{
    private const int MaxReconnects = 5;

    public static Command Create()
    {
        var id = CommonOptions.TaskId();
        var timeout = new Option<double?>("--timeout") { Description = "Give up (exit 13) when the task has not ended after this many seconds" };
        var command = new Command("watch", "Follow a task live: progress bar with ETA, its log lines; exit 0 when it completes, non-zero when it fails or is cancelled")
        {
            id, timeout, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            var json = parse.GetValue(CommonOptions.Json);
            using var client = ClientOptions.Client(parse);
            var task = await client.GetAsync($"api/tasks/{taskId}", cancellationToken, $"task {taskId}");
            var worker = $"{(string?)task["worker"]}/{(string?)task["action"]}";
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(timeout) is { } seconds) deadline.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, seconds)));
            try
            {
                string status;
                if (!json && CliOutput.Interactive)
                {
                    status = await CliOutput.Out.Progress().AutoClear(false).HideCompleted(false)
                        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                            new WatchDisplay.EtaColumn(), new SpinnerColumn())
                        .StartAsync(async context =>
                        {
                            var bar = context.AddTask($"task {taskId} {Markup.Escape(worker)}", maxValue: 100);
                            bar.State.Update<double>(WatchDisplay.EtaColumn.Key, _ => -1);
                            return await FollowAsync(client, taskId, new WatchDisplay(taskId, worker, json, bar), deadline.Token);
                        });
                }
                else
                {
                    status = await FollowAsync(client, taskId, new WatchDisplay(taskId, worker, json, null), deadline.Token);
                }
                return Outcome(taskId, status, json);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"task {taskId} has not ended after {parse.GetValue(timeout)} s", ExitCodes.WatchTimeout);
            }
        }));
        return command;
    }

    /// <summary>Reads the stream until the task's final status; returns it (or <c>deleted</c>).</summary>
    private static async Task<string> FollowAsync(ApiClient client, long taskId, WatchDisplay display, CancellationToken cancellationToken)
    {
        string? lastEventId = null;
        var failures = 0;
        while (true)
        {
            try
            {
                using var response = await client.OpenStreamAsync($"api/tasks/{taskId}/events", lastEventId, cancellationToken, $"task {taskId}");
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await foreach (var message in ServerSentEvent.ReadAsync(stream, cancellationToken))
                {
                    failures = 0;
                    if (message.Id is not null) lastEventId = message.Id;
                    var data = Parse(message.Data);
                    switch (message.Event)
                    {
                        case "log":
                            display.Log(data);
                            break;
                        case "progress":
                            display.Progress(data);
                            break;
                        case "status":
                            display.Status(data);
                            if ((string?)data["status"] is { } status && status is "completed" or "failed" or "cancelled" or "deleted")
                            {
                                display.End(status);
                                return status == "failed" && (string?)data["error"] is { Length: > 0 } error ? "failed:" + error : status;
                            }
                            break;
                        case "end":
                            throw (string?)data["reason"] == "forbidden"
                                ? new CliException($"403 the server stopped the stream of task {taskId}: this user may no longer see it", ExitCodes.Forbidden)
                                : new CliException($"401 the server stopped the stream of task {taskId}: the token expired or was revoked; run `tasklane login`", ExitCodes.Unauthenticated);
                    }
                }
                // The stream ended before the task did (the server restarted?): open it again.
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (++failures > MaxReconnects) throw ex is HttpRequestException http ? client.Unreachable(http) : new CliException($"the stream of task {taskId} broke: {ex.Message}", ExitCodes.Unreachable);
            }
            catch (CliException ex) when (ex.ExitCode == ExitCodes.Unreachable && ++failures <= MaxReconnects)
            {
                // Reconnect below.
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(8, 1 << Math.Min(failures, 3))), cancellationToken);
        }
    }

    private static int Outcome(long taskId, string status, bool json)
    {
        if (status == "completed")
        {
            if (!json) CliOutput.Out.MarkupLine($"task {taskId} [green]completed[/]");
            return ExitCodes.Ok;
        }
        var (message, exit) = status switch
        {
            "cancelled" => ($"task {taskId} was cancelled", ExitCodes.TaskCancelled),
            "deleted" => ($"task {taskId} was deleted", ExitCodes.TaskDeleted),
            _ when status.StartsWith("failed:", StringComparison.Ordinal) => ($"task {taskId} failed: {status["failed:".Length..]}", ExitCodes.TaskFailed),
            _ => ($"task {taskId} failed", ExitCodes.TaskFailed),
        };
        CliOutput.Error(message);
        return exit;
    }

    private static JsonNode Parse(string data)
    {
        try
        {
            return JsonNode.Parse(data) ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }
}
