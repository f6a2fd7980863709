using System.CommandLine;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane login</c>: signs in and prints a bearer token for the other commands.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var username = new Option<string>("--username") { Description = "The user", DefaultValueFactory = _ => "admin" };
        var password = new Option<string?>("--password") { Description = "The password (else TASKLANE_PASSWORD, else asked for)" };
        var command = new Command("login", "Sign in and print a token: export it as TASKLANE_TOKEN") { username, password };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("TASKLANE_PASSWORD")
                ?? AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
            using var client = ClientOptions.Client(parse);
            var answer = await client.SendAsync(HttpMethod.Post, "api/auth/login", new { username = parse.GetValue(username), password = secret }, cancellationToken);
            Console.WriteLine((string?)answer["token"]);
            await Console.Error.WriteLineAsync($"Signed in until {(string?)answer["expires_at"]}; export TASKLANE_TOKEN=<the token above>");
        }));
        return command;
    }
}
