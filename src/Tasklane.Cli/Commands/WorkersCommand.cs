using System.CommandLine;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane workers list|activate|deactivate|discover</c>.</summary>
internal static class WorkersCommand
{
    public static Command Create()
    {
        var command = new Command("workers", "The workers a server knows, and switching them on and off");
        command.Subcommands.Add(List());
        command.Subcommands.Add(SetActive("activate", "Let a worker take new tasks again"));
        command.Subcommands.Add(SetActive("deactivate", "Stop a worker taking new tasks (creates answer 422; queued tasks still run)"));
        command.Subcommands.Add(Discover());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every worker: its actions, whether it is active, the nodes that run it") { CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var answer = await client.GetAsync("api/workers", cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(answer);
                return;
            }
            var table = CliOutput.Table("worker", "title", "scope", "actions", "active", "tasks", "nodes");
            foreach (var worker in answer["items"]?.AsArray() ?? [])
            {
                var active = (bool?)worker?["active"] == true ? "[green]active[/]" : "[yellow]inactive[/]";
                if ((bool?)worker?["orphaned"] == true) active += " [red](orphaned)[/]";
                table.AddRow(CliOutput.Cell(worker, "identifier"), CliOutput.Cell(worker, "title"), CliOutput.Cell(worker, "scope"),
                    Markup.Escape(string.Join(", ", worker?["actions"]?.AsArray().Select(a => (string?)a) ?? [])), active,
                    CliOutput.Cell(worker, "task_count"), Markup.Escape(string.Join(", ", worker?["nodes"]?.AsArray().Select(n => (string?)n) ?? [])));
            }
            CliOutput.Out.Write(table);
        }));
        return command;
    }

    private static Command SetActive(string verb, string description)
    {
        var identifier = new Argument<string>("worker") { Description = "The worker's identifier, e.g. demo" };
        var command = new Command(verb, description) { identifier, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var name = parse.GetValue(identifier)!;
            using var client = ClientOptions.Client(parse);
            var worker = await client.SendAsync(HttpMethod.Post, $"api/workers/{Uri.EscapeDataString(name)}/{verb}", null, cancellationToken, $"worker {name}");
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(worker);
            else Console.WriteLine($"{(string?)worker["identifier"]} {((bool?)worker["active"] == true ? "active" : "inactive")}");
        }));
        return command;
    }

    private static Command Discover()
    {
        var command = new Command("discover", "Register the worker classes found in the server's loaded assemblies") { CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, "api/workers/discover", null, cancellationToken);
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(answer);
            else Console.WriteLine($"{CliOutput.Text(answer["registered"])} worker(s) registered");
        }));
        return command;
    }
}
