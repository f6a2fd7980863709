using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane tasks ...</c>: list, show, create and steer tasks over the HTTP API.</summary>
internal static class TasksCommand
{
    public static Command Create()
    {
        var command = new Command("tasks", "List, create, follow and steer tasks on a Tasklane server");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(TaskCreateCommands.Create());
        command.Subcommands.Add(TaskCreateCommands.CreateMany());
        command.Subcommands.Add(TaskCreateCommands.Clone());
        command.Subcommands.Add(TaskLogCommands.Logs());
        command.Subcommands.Add(TaskLogCommands.Export());
        command.Subcommands.Add(TaskWatchCommand.Create());
        command.Subcommands.Add(TaskActionCommands.Transition("cancel", "Cancel a task (a pending one at once, a running one is asked to stop)"));
        command.Subcommands.Add(TaskActionCommands.Transition("retry", "Retry a failed or cancelled task"));
        command.Subcommands.Add(TaskActionCommands.Transition("execute", "Run a pending task that is due later now"));
        command.Subcommands.Add(TaskActionCommands.Delete());
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "pending, running, completed, failed or cancelled" };
        var worker = new Option<string?>("--worker") { Description = "Only this worker's tasks" };
        var action = new Option<string?>("--action") { Description = "Only this action's tasks" };
        var queue = new Option<string?>("--queue") { Description = "Only this queue's tasks" };
        var user = new Option<string?>("--user") { Description = "Only tasks of users whose name contains this" };
        var search = new Option<string?>("--search") { Description = "Text in the id, worker, action or message" };
        var tag = new Option<string[]>("--tag") { Description = "Only tasks with this tag (repeat: all of them)", AllowMultipleArgumentsPerToken = false };
        var from = new Option<string?>("--from") { Description = "Created at or after: a time, or a span back from now (1h, 2d)" };
        var to = new Option<string?>("--to") { Description = "Created before: a time, or a span back from now" };
        var page = new Option<int>("--page") { Description = "The page, from 1", DefaultValueFactory = _ => 1 };
        var size = new Option<int>("--page-size") { Description = "How many per page, newest first (at most 200)", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "The newest tasks, filtered") { status, worker, action, queue, user, search, tag, from, to, page, size, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var query = new QueryString("api/tasks")
                .Add("current", parse.GetValue(page)).Add("page_size", parse.GetValue(size))
                .Add("status", parse.GetValue(status)).Add("worker", parse.GetValue(worker)).Add("action", parse.GetValue(action))
                .Add("queue", parse.GetValue(queue)).Add("user", parse.GetValue(user)).Add("search", parse.GetValue(search))
                .Add("tag", parse.GetValue(tag))
                .Add("from", CommonOptions.ParseTime("--from", parse.GetValue(from), past: true))
                .Add("to", CommonOptions.ParseTime("--to", parse.GetValue(to), past: true));
            using var client = ClientOptions.Client(parse);
            var answer = await client.GetAsync(query.ToString(), cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(answer);
                return;
            }
            var table = CliOutput.Table("id", "worker", "action", "queue", "status", "progress", "message", "created by", "created");
            foreach (var task in answer["items"]?.AsArray() ?? [])
            {
                table.AddRow(CliOutput.Cell(task, "id"), CliOutput.Cell(task, "worker"), CliOutput.Cell(task, "action"), CliOutput.Cell(task, "queue"),
                    CliOutput.Status(task?["status"]), Percent(task?["progress"]), CliOutput.Cell(task, "message"),
                    CliOutput.Cell(task?["created_by"], "username"), CliOutput.When(task, "created_at"));
            }
            CliOutput.Out.Write(table);
            CliOutput.Out.WriteLine($"{answer["total"]} task(s), page {answer["current"]} of {Pages(answer)}");
        }));
        return command;
    }

    private static Command Show()
    {
        var id = CommonOptions.TaskId();
        var lines = new Option<int>("--lines") { Description = "How many of the last log lines to show", DefaultValueFactory = _ => 10 };
        var command = new Command("show", "A task's fields, its data and its last log lines") { id, lines, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            using var client = ClientOptions.Client(parse);
            var task = await client.GetAsync($"api/tasks/{taskId}", cancellationToken, $"task {taskId}");
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(task);
                return;
            }
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string markup) { if (markup.Length > 0) grid.AddRow($"[bold]{name}[/]", markup); }
            Row("id", CliOutput.Cell(task, "id"));
            Row("worker", $"{CliOutput.Cell(task, "worker")} / {CliOutput.Cell(task, "action")}");
            Row("status", CliOutput.Status(task["status"]) + ((bool?)task["cancel_requested"] == true ? " (cancel requested)" : ""));
            Row("progress", $"{Percent(task["progress"])}{Processed(task)}");
            if ((string?)task["status"] is "pending" or "running") Row("eta", CliOutput.Seconds((double?)task["eta_seconds"]));
            Row("message", CliOutput.Cell(task, "message"));
            Row("queue", $"{CliOutput.Cell(task, "queue")}, priority {CliOutput.Cell(task, "priority")}");
            Row("attempt", $"{CliOutput.Cell(task, "attempt")} (at most {CliOutput.Cell(task, "max_attempts")} a round)");
            Row("created by", CliOutput.Cell(task["created_by"], "username"));
            Row("created", CliOutput.WhenExactly(task, "created_at"));
            Row("run at", CliOutput.WhenExactly(task, "run_at"));
            Row("started", CliOutput.WhenExactly(task, "started_at"));
            Row("ended", CliOutput.WhenExactly(task, "ended_at"));
            Row("error", $"[red]{CliOutput.Cell(task, "error")}[/]".Replace("[red][/]", "", StringComparison.Ordinal));
            Row("artifact", CliOutput.Cell(task["artifact"], "name"));
            Row("data", Markup.Escape(task["data"]?.ToJsonString() ?? ""));
            CliOutput.Out.Write(grid);
            var count = parse.GetValue(lines);
            if (count <= 0) return;
            var logs = await client.GetAsync($"api/tasks/{taskId}/logs", cancellationToken, $"task {taskId}");
            foreach (var line in (logs["items"]?.AsArray() ?? []).TakeLast(count)) TaskLogCommands.WriteLine(line);
        }));
        return command;
    }

    /// <summary>A progress value as "40 %".</summary>
    public static string Percent(JsonNode? progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{(double?)progress ?? 0:0.#} %");

    private static string Processed(JsonNode task) =>
        task["total"] is { } total ? $", {CliOutput.Text(task["processed"])}/{CliOutput.Text(total)}" : "";

    private static string Pages(JsonNode answer)
    {
        var total = (long?)answer["total"] ?? 0;
        var size = Math.Max(1, (long?)answer["page_size"] ?? 1);
        return Math.Max(1, (total + size - 1) / size).ToString(CultureInfo.InvariantCulture);
    }
}
