using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Tasklane.Cli.Commands;

/// <summary>
/// <c>tasklane login</c>: signs in and saves the token for that server in the user's config file (<see cref="CliConfig"/>),
/// so that later commands need no <c>--token</c>; <c>tasklane logout</c> revokes it and forgets it.
/// </summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var username = new Option<string>("--username") { Description = "The user", DefaultValueFactory = _ => "admin" };
        var password = new Option<string?>("--password") { Description = "The password (else TASKLANE_PASSWORD, else asked for on a terminal)" };
        var print = new Option<bool>("--print-token") { Description = "Also print the token on standard output (for TASKLANE_TOKEN in scripts)" };
        var command = new Command("login", "Sign in and save the token for this server in the config file") { username, password, print };
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var path = CliConfig.DefaultPath();
            var config = CliConfig.Load(path);
            var server = ClientOptions.ServerAddress(parse, config);
            var secret = parse.GetValue(password) ?? ClientOptions.Environment("TASKLANE_PASSWORD")
                ?? AskPassword("Password:", "--password or TASKLANE_PASSWORD");
            using var client = new ApiClient(server, null);
            var answer = await client.SendAsync(HttpMethod.Post, "api/auth/login",
                new JsonObject { ["username"] = parse.GetValue(username), ["password"] = secret }, cancellationToken);
            var token = (string?)answer["token"] ?? throw new CliException($"the server at {server} answered the login without a token");
            var key = CliConfig.Key(server.ToString());
            config.Server = key;
            config.Logins[key] = new SavedLogin
            {
                Token = token,
                Username = (string?)answer["user"]?["username"] ?? parse.GetValue(username),
                ExpiresAt = DateTimeOffset.TryParse((string?)answer["expires_at"], System.Globalization.CultureInfo.InvariantCulture, out var at) ? at : null,
            };
            config.Save(path);
            if (parse.GetValue(print)) Console.WriteLine(token);
            CliOutput.Note($"Signed in to {key} as {config.Logins[key].Username} until {(string?)answer["expires_at"]}; the token is saved in {path}");
        }));
        return command;
    }

    public static Command Logout()
    {
        var command = new Command("logout", "Revoke the saved token of this server and remove it from the config file");
        command.SetAction((parse, cancellationToken) => ClientOptions.RunAsync(async () =>
        {
            var path = CliConfig.DefaultPath();
            var config = CliConfig.Load(path);
            var server = ClientOptions.ServerAddress(parse, config);
            var key = CliConfig.Key(server.ToString());
            if (!config.Logins.TryGetValue(key, out var saved)) throw new CliException($"no saved sign-in for {key} in {path}");
            using (var client = new ApiClient(server, saved.Token))
            {
                try
                {
                    await client.SendAsync(HttpMethod.Post, "api/auth/logout", null, cancellationToken);
                }
                catch (CliException ex) when (ex.ExitCode is ExitCodes.Unauthenticated)
                {
                    // Already expired or revoked: forgetting it is all that is left to do.
                }
            }
            config.Logins.Remove(key);
            config.Save(path);
            CliOutput.Note($"Signed out of {key}; the token is removed from {path}");
        }));
        return command;
    }

    /// <summary>Asks for a secret on a terminal; without one (a script), says which option or variable to use.</summary>
    public static string AskPassword(string prompt, string instead)
    {
        if (Console.IsInputRedirected || !CliOutput.Interactive)
        {
            throw new CliException($"no password given and no terminal to ask on: use {instead}", ExitCodes.Usage);
        }
        return CliOutput.Out.Prompt(new TextPrompt<string>(prompt).Secret());
    }
}
