using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane users add|list</c> (<c>user:manage</c>).</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "The server's users");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Add()
    {
        var username = new Argument<string>("username") { Description = "The new user's name" };
        var role = new Option<string>("--role") { Description = "admin, operator, viewer or a custom role", DefaultValueFactory = _ => "viewer" };
        var password = new Option<string?>("--password") { Description = "The password (else TASKLANE_NEW_PASSWORD, else asked for on a terminal)" };
        var command = new Command("add", "Create a user and print its id") { username, role, password, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var secret = parse.GetValue(password) ?? ClientOptions.Environment("TASKLANE_NEW_PASSWORD")
                ?? LoginCommand.AskPassword($"Password for {parse.GetValue(username)}:", "--password or TASKLANE_NEW_PASSWORD");
            using var client = ClientOptions.Client(parse);
            var user = await client.SendAsync(HttpMethod.Post, "api/users", new JsonObject
            {
                ["username"] = parse.GetValue(username), ["password"] = secret, ["role"] = parse.GetValue(role),
            }, cancellationToken);
            if (parse.GetValue(CommonOptions.Json)) CliOutput.Json(user);
            else Console.WriteLine((long?)user["id"]);
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "Every user with their role") { CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            using var client = ClientOptions.Client(parse);
            var answer = await client.GetAsync("api/users", cancellationToken);
            if (parse.GetValue(CommonOptions.Json))
            {
                CliOutput.Json(answer);
                return;
            }
            var table = CliOutput.Table("id", "user", "role", "state", "created");
            foreach (var user in answer["items"]?.AsArray() ?? [])
            {
                table.AddRow(CliOutput.Cell(user, "id"), CliOutput.Cell(user, "username"), CliOutput.Cell(user, "role"),
                    (bool?)user?["disabled"] == true ? "[grey]disabled[/]" : "[green]enabled[/]", CliOutput.When(user, "created_at"));
            }
            CliOutput.Out.Write(table);
        }));
        return command;
    }
}
