using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane tasks ...</c>: list, create, show, cancel and retry tasks over the HTTP API.</summary>
internal static class TasksCommand
{
    public static Command Create()
    {
        var command = new Command("tasks", "List, create and steer tasks on a Tasklane server");
        command.Subcommands.Add(List());
        command.Subcommands.Add(CreateTask());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Transition("cancel", "Cancel a task (a running one stops at once)"));
        command.Subcommands.Add(Transition("retry", "Retry a failed or cancelled task"));
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "pending, running, completed, failed or cancelled" };
        var worker = new Option<string?>("--worker") { Description = "Only this worker's tasks" };
        var size = new Option<int>("--page-size") { Description = "How many (newest first)", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "The newest tasks") { status, worker, size };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var query = $"api/tasks?page_size={parse.GetValue(size)}";
            if (parse.GetValue(status) is { } s) query += "&status=" + Uri.EscapeDataString(s);
            if (parse.GetValue(worker) is { } w) query += "&worker=" + Uri.EscapeDataString(w);
            using var client = ClientOptions.Client(parse);
            var page = await client.SendAsync(HttpMethod.Get, query, null, cancellationToken);
            var table = new Table().AddColumns("#", "worker", "action", "status", "progress", "message", "created");
            foreach (var task in page["items"]!.AsArray())
            {
                table.AddRow(Cell(task, "id"), Cell(task, "worker"), Cell(task, "action"), Cell(task, "status"),
                    $"{(double?)task!["progress"] ?? 0:0.#} %", Cell(task, "message"), Cell(task, "created_at"));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{page["total"]} task(s)");
        }));
        return command;
    }

    private static Command CreateTask()
    {
        var worker = new Argument<string>("worker") { Description = "The worker, e.g. demo" };
        var action = new Argument<string>("action") { Description = "The action, e.g. sleep" };
        var data = new Option<string>("--data") { Description = "The task data as JSON", DefaultValueFactory = _ => "{}" };
        var priority = new Option<string?>("--priority") { Description = "high, normal or low" };
        var queue = new Option<string?>("--queue") { Description = "The queue" };
        var command = new Command("create", "Create a task and print its id") { worker, action, data, priority, queue };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            JsonNode? payload;
            try { payload = JsonNode.Parse(parse.GetValue(data)!); }
            catch (System.Text.Json.JsonException ex) { throw new CliException($"--data is not JSON: {ex.Message}"); }
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Post, "api/tasks", new JsonObject
            {
                ["worker"] = parse.GetValue(worker), ["action"] = parse.GetValue(action), ["data"] = payload,
                ["priority"] = parse.GetValue(priority), ["queue"] = parse.GetValue(queue),
            }, cancellationToken);
            Console.WriteLine((long)task["id"]!);
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id") { Description = "The task id" };
        var command = new Command("show", "A task's status, progress and last log lines") { id };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Get, $"api/tasks/{parse.GetValue(id)}", null, cancellationToken);
            var grid = new Grid().AddColumn().AddColumn();
            foreach (var field in new[] { "id", "worker", "action", "status", "progress", "processed", "total", "eta_seconds", "message", "attempt", "error", "created_at", "ended_at" })
            {
                grid.AddRow(field, Cell(task, field));
            }
            AnsiConsole.Write(grid);
            var logs = await client.SendAsync(HttpMethod.Get, $"api/tasks/{parse.GetValue(id)}/logs", null, cancellationToken);
            foreach (var line in logs["items"]!.AsArray().TakeLast(10))
            {
                Console.WriteLine($"{(string?)line!["at"]} {(string?)line["level"],-7} {(string?)line["message"]}");
            }
        }));
        return command;
    }

    private static Command Transition(string verb, string description)
    {
        var id = new Argument<long>("id") { Description = "The task id" };
        var command = new Command(verb, description) { id };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Post, $"api/tasks/{parse.GetValue(id)}/{verb}", null, cancellationToken);
            Console.WriteLine($"{(long)task["id"]!} {(string?)task["status"]}{((bool?)task["cancel_requested"] == true ? " (cancel requested)" : "")}");
        }));
        return command;
    }

    /// <summary>A field as plain text for a table cell (markup-escaped).</summary>
    private static string Cell(JsonNode? node, string field) =>
        Markup.Escape(node?[field] switch
        {
            null => "",
            JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            var v => v.ToString(),
        });
}
