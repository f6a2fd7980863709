using System.CommandLine;

namespace Tasklane.Cli.Commands;

/// <summary>
/// The options every command over the HTTP API shares: the server and the bearer token, each from its option, else its
/// environment variable, else the config file of <c>tasklane login</c> (<see cref="CliConfig"/>).
/// </summary>
internal static class ClientOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static readonly Option<string?> Server = new("--server")
    {
        Description = $"The server's address (else TASKLANE_SERVER, else the server of the last login, else {DefaultServer})",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "A bearer token (else TASKLANE_TOKEN, else the one `tasklane login` saved for that server)",
        Recursive = true,
    };

    /// <summary>The server's address for this command line.</summary>
    public static Uri ServerAddress(ParseResult parse, CliConfig config)
    {
        var text = parse.GetValue(Server) ?? Environment("TASKLANE_SERVER") ?? config.Server ?? DefaultServer;
        if (!Uri.TryCreate(CliConfig.Key(text) + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server {text} is not an http:// or https:// address", ExitCodes.Usage);
        }
        return uri;
    }

    /// <summary>The client of this command line's server, with its token.</summary>
    public static ApiClient Client(ParseResult parse)
    {
        var config = CliConfig.Load(CliConfig.DefaultPath());
        var server = ServerAddress(parse, config);
        var token = parse.GetValue(Token) ?? Environment("TASKLANE_TOKEN")
            ?? config.Logins.GetValueOrDefault(CliConfig.Key(server.ToString()))?.Token;
        return new ApiClient(server, token);
    }

    /// <summary>An environment variable, null when unset or empty.</summary>
    public static string? Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    /// <summary>Runs a command's work; a <see cref="CliException"/> is printed as one line and its exit code returned.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (CliException ex)
        {
            CliOutput.Error(ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C (request timeouts are CliExceptions): the shell's code for an interrupt.
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>As <see cref="RunAsync(Func{Task{int}})"/> for work that either succeeds or throws.</summary>
    public static Task<int> RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        await work();
        return ExitCodes.Ok;
    });
}
