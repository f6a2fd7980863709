using System.CommandLine;

namespace Tasklane.Cli.Commands;

/// <summary>The options every command over the HTTP API shares: the server and the bearer token.</summary>
internal static class ClientOptions
{
    public static readonly Option<string> Server = new("--server")
    {
        Description = "The server's address (else TASKLANE_SERVER, else http://127.0.0.1:5080)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TASKLANE_SERVER") ?? "http://127.0.0.1:5080",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "A bearer token from `tasklane login` (else TASKLANE_TOKEN)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TASKLANE_TOKEN"),
        Recursive = true,
    };

    public static ApiClient Client(ParseResult parse) => new(parse.GetValue(Server)!, parse.GetValue(Token));

    /// <summary>Runs a command's work; an API or connection error is printed as one line and exit code 1.</summary>
    public static async Task<int> RunAsync(Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (Exception ex) when (ex is CliException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
