using System.CommandLine;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasks cancel|retry|execute|delete</c>: one state change of one task.</summary>
internal static class TaskActionCommands
{
    public static Command Transition(string verb, string description)
    {
        var id = CommonOptions.TaskId();
        var command = new Command(verb, description) { id, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Post, $"api/tasks/{taskId}/{verb}", null, cancellationToken, $"task {taskId}");
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(task);
                return;
            }
            Console.WriteLine($"{(long?)task["id"]} {(string?)task["status"]}{((bool?)task["cancel_requested"] == true ? " (cancel requested)" : "")}");
        }));
        return command;
    }

    public static Command Delete()
    {
        var id = CommonOptions.TaskId();
        var command = new Command("delete", "Delete a task that is not running: it leaves every list and answers 404 from then on") { id, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var taskId = parse.GetValue(id);
            using var client = ClientOptions.Client(parse);
            var task = await client.SendAsync(HttpMethod.Delete, $"api/tasks/{taskId}", null, cancellationToken, $"task {taskId}");
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(task);
            else Console.WriteLine($"{taskId} deleted");
        }));
        return command;
    }
}
