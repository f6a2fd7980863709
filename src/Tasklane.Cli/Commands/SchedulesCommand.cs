using System.CommandLine;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane schedules list|toggle|trigger</c>.</summary>
internal static class SchedulesCommand
{
    public static Command Create()
    {
        var command = new Command("schedules", "The workers' schedules: list them, switch one on or off, run one now");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Toggle());
        command.Subcommands.Add(Trigger());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every schedule with its next and last run") { CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var answer = await client.GetAsync("api/task-schedules", cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(answer);
                return;
            }
            var table = CliOutput.Table("id", "name", "worker", "kind", "when", "enabled", "next run", "last run", "last task");
            foreach (var schedule in answer["items"]?.AsArray() ?? [])
            {
                table.AddRow(CliOutput.Cell(schedule, "id"), CliOutput.Cell(schedule, "name"),
                    $"{CliOutput.Cell(schedule, "worker")}/{CliOutput.Cell(schedule, "action")}", CliOutput.Cell(schedule, "kind"),
                    CliOutput.Cell(schedule, "description"), (bool?)schedule?["enabled"] == true ? "[green]yes[/]" : "[grey]no[/]",
                    CliOutput.When(schedule, "next_run_at"), CliOutput.When(schedule, "last_run_at"), CliOutput.Cell(schedule, "last_task_id"));
            }
            CliOutput.Out.Write(table);
        }));
        return command;
    }

    private static Command Toggle()
    {
        var id = new Argument<string>("id") { Description = "The schedule's id (see schedules list)" };
        var command = new Command("toggle", "Enable a disabled schedule, or disable an enabled one") { id, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var name = parse.GetValue(id)!;
            using var client = ClientOptions.Client(parse);
            var schedule = await client.SendAsync(HttpMethod.Post, $"api/task-schedules/{Uri.EscapeDataString(name)}/toggle", null, cancellationToken, $"schedule {name}");
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(schedule);
            else Console.WriteLine($"{(string?)schedule["id"]} {((bool?)schedule["enabled"] == true ? "enabled" : "disabled")}");
        }));
        return command;
    }

    private static Command Trigger()
    {
        var id = new Argument<string>("id") { Description = "The schedule's id (see schedules list)" };
        var command = new Command("trigger", "Run a schedule once now and print the created task's id") { id, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var name = parse.GetValue(id)!;
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Post, $"api/task-schedules/{Uri.EscapeDataString(name)}/trigger", null, cancellationToken, $"schedule {name}");
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(task);
            else Console.WriteLine((long?)task["id"]);
        }));
        return command;
    }
}
