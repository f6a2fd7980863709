using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Tasklane.Cli.Commands;

/// <summary>
/// What <c>tasks watch</c> shows of a task's events: on a terminal a live progress bar with the ETA and the log lines
/// above it; piped, one line per log line and per progress change; with <c>--json</c>, every event as a JSON line.
/// </summary>
internal sealed class WatchDisplay(long taskId, string worker, bool json, ProgressTask? bar)
{
    private string? _lastProgress;

    public void Status(JsonNode data)
    {
        if (json)
        {
            Event("status", data);
            return;
        }
        if (bar is not null)
        {
            bar.Description = Description(data, (string?)data["message"]);
            return;
        }
        // The final status is the command's last line (TaskWatchCommand), not one of these.
        if ((string?)data["status"] is "completed" or "failed" or "cancelled" or "deleted") return;
        var cancel = (bool?)data["cancel_requested"] == true ? " (cancel requested)" : "";
        CliOutput.Out.MarkupLine($"task {taskId} {CliOutput.Status(data["status"])}{cancel}{Attempt(data)}");
    }

    public void Progress(JsonNode data)
    {
        if (json)
        {
            Event("progress", data);
            return;
        }
        var progress = (double?)data["progress"] ?? 0;
        var eta = (double?)data["eta_seconds"];
        if (bar is not null)
        {
            bar.Value = Math.Clamp(progress, 0, 100);
            bar.State.Update<double>(EtaColumn.Key, _ => eta ?? -1);
            bar.Description = Description(null, (string?)data["message"]);
            return;
        }
        var processed = data["total"] is { } total ? $" {CliOutput.Text(data["processed"])}/{CliOutput.Text(total)}" : "";
        var line = $"progress {TasksCommand.Percent(data["progress"])}{processed}{(eta is null ? "" : $", eta {CliOutput.Seconds(eta)}")}"
            + ((string?)data["message"] is { Length: > 0 } message ? $": {message}" : "");
        if (line == _lastProgress) return;
        _lastProgress = line;
        CliOutput.Out.WriteLine(line);
    }

    public void Log(JsonNode data)
    {
        if (json) Event("log", data);
        else TaskLogCommands.WriteLine(data);
    }

    /// <summary>The task ended: the bar stops where it stands (full for a completed task).</summary>
    public void End(string status)
    {
        if (bar is null) return;
        if (status == "completed") bar.Value = 100;
        bar.Description = $"task {taskId} {CliOutput.Status(JsonValue.Create(status))}";
        bar.StopTask();
    }

    private string Description(JsonNode? status, string? message)
    {
        var state = status is null ? "" : $" {CliOutput.Status(status["status"])}";
        var text = message is { Length: > 0 } ? Markup.Escape(message.Length > 60 ? message[..57] + "..." : message) : "";
        return $"task {taskId} {Markup.Escape(worker)}{state} {text}".TrimEnd();
    }

    private static string Attempt(JsonNode data) =>
        (int?)data["attempt"] is > 1 and var attempt ? string.Create(CultureInfo.InvariantCulture, $", attempt {attempt}") : "";

    private static void Event(string name, JsonNode data) =>
        Console.WriteLine(new JsonObject { ["event"] = name, ["data"] = data.DeepClone() }.ToJsonString());

    /// <summary>The server's ETA of the task (its <c>eta_seconds</c>), not one guessed from the bar's speed.</summary>
    public sealed class EtaColumn : ProgressColumn
    {
        public const string Key = "eta";

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var eta = task.State.Get<double>(Key);
            var text = task.IsFinished || eta < 0 ? "" : $"ETA {TimeSpan.FromSeconds(Math.Round(eta)):hh\\:mm\\:ss}";
            return new Text(text, new Style(Color.Blue));
        }
    }
}
