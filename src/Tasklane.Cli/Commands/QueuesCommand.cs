using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane queues list|pause|resume</c>.</summary>
internal static class QueuesCommand
{
    public static Command Create()
    {
        var command = new Command("queues", "The queues: their counts and concurrency; pausing and resuming one");
        command.Subcommands.Add(List());
        command.Subcommands.Add(SetPaused("pause", true, "Pause a queue: no node claims its tasks (they stay pending; running ones finish)"));
        command.Subcommands.Add(SetPaused("resume", false, "Resume a paused queue"));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every queue with its pending, running and failed counts") { CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var answer = await client.GetAsync("api/queues", cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(answer);
                return;
            }
            var table = CliOutput.Table("queue", "pending", "running", "failed", "concurrency", "state", "nodes");
            foreach (var queue in answer["items"]?.AsArray() ?? [])
            {
                table.AddRow(CliOutput.Cell(queue, "name"), CliOutput.Cell(queue, "pending"), CliOutput.Cell(queue, "running"),
                    CliOutput.Cell(queue, "failed"), CliOutput.Cell(queue, "concurrency"),
                    (bool?)queue?["paused"] == true ? "[yellow]paused[/]" : "",
                    Markup.Escape(string.Join(", ", queue?["nodes"]?.AsArray().Select(n => (string?)n) ?? [])));
            }
            CliOutput.Out.Write(table);
        }));
        return command;
    }

    private static Command SetPaused(string verb, bool paused, string description)
    {
        var name = new Argument<string>("queue") { Description = "The queue's name" };
        var command = new Command(verb, description) { name, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var queue = parse.GetValue(name)!;
            using var client = ClientOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Put, $"api/queues/{Uri.EscapeDataString(queue)}", new JsonObject { ["paused"] = paused },
                cancellationToken, $"queue {queue}");
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(answer);
            else Console.WriteLine($"{queue} {(paused ? "paused" : "resumed")}");
        }));
        return command;
    }
}
