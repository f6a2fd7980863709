using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasks logs</c> (the log, from a sequence number on) and <c>tasks export</c> (the log as an HTML or text file).</summary>
internal static class TaskLogCommands
{
    public static Command Logs()
    {
        var id = CommonOptions.TaskId();
        var after = new Option<long>("--after") { Description = "Only lines after this sequence number", DefaultValueFactory = _ => 0 };
        var command = new Command("logs", "A task's log lines (every page of them)") { id, after, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            using var client = ClientOptions.Client(parse);
            var items = new JsonArray();
            var last = parse.GetValue(after);
            while (true)
            {
                var page = await client.GetAsync($"api/tasks/{taskId}/logs?after={last.ToString(CultureInfo.InvariantCulture)}", cancellationToken, $"task {taskId}");
                var lines = page["items"]?.AsArray() ?? [];
                foreach (var line in lines) items.Add(line?.DeepClone());
                var next = (long?)page["last_seq"] ?? last;
                if (lines.Count == 0 || next <= last) break;
                last = next;
            }
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(new JsonObject { ["items"] = items, ["last_seq"] = last });
                return;
            }
            foreach (var line in items) WriteLine(line);
        }));
        return command;
    }

    public static Command Export()
    {
        var id = CommonOptions.TaskId();
        var format = new Option<string>("--format") { Description = "html (a self-contained page) or text (one line per entry)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("html", "text");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file (else standard output)" };
        var command = new Command("export", "A task's whole log as a file, as the console's export gives it") { id, format, output };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            using var client = ClientOptions.Client(parse);
            var (content, name) = await client.DownloadAsync($"api/tasks/{taskId}/logs/export?format={parse.GetValue(format)}", cancellationToken, $"task {taskId}");
            if (parse.GetValue(output) is { } path and not "-")
            {
                try
                {
                    await File.WriteAllBytesAsync(path, content, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"--output {path}: {ex.Message}", ExitCodes.Usage);
                }
                CliOutput.Note($"wrote {path} ({content.Length} bytes; the server names it {name})");
                return;
            }
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(content, cancellationToken);
        }));
        return command;
    }

    /// <summary>One log line for people: time, level, message.</summary>
    public static void WriteLine(JsonNode? line)
    {
        var level = (string?)line?["level"] ?? "";
        var colour = level.ToLowerInvariant() switch
        {
            "error" or "critical" => "red",
            "warning" => "yellow",
            "debug" or "trace" => "grey",
            _ => "default",
        };
        var at = DateTimeOffset.TryParse((string?)line?["at"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "";
        CliOutput.Out.MarkupLine($"[grey]{at}[/] [{colour}]{Markup.Escape(level),-11}[/] {Markup.Escape((string?)line?["message"] ?? "")}");
    }
}
