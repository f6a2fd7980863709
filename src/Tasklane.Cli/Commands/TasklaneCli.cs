using System.CommandLine;

namespace Tasklane.Cli.Commands;

/// <summary>The <c>tasklane</c> command line: its commands, and a wrong command line as one line per error and exit 2.</summary>
internal static class TasklaneCli
{
    public static RootCommand Root()
    {
        var root = new RootCommand("Tasklane: background tasks for .NET. Run `tasklane serve --demo` to start a server with the demo workers.");
        root.Options.Add(ClientOptions.Server);
        root.Options.Add(ClientOptions.Token);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(LoginCommand.Logout());
        root.Subcommands.Add(TasksCommand.Create());
        root.Subcommands.Add(WorkersCommand.Create());
        root.Subcommands.Add(SchedulesCommand.Create());
        root.Subcommands.Add(QueuesCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Root().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // "Required command was not provided" only repeats what an unknown word's error says better.
            var errors = parse.Errors.Select(e => e.Message).ToList();
            if (errors.Count > 1) errors.RemoveAll(e => e.StartsWith("Required command", StringComparison.Ordinal));
            foreach (var error in errors) CliOutput.Error(error);
            CliOutput.Note($"see `tasklane {string.Join(' ', CommandPath(parse.CommandResult.Command))} --help`".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync();
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault()) names.Insert(0, c.Name);
        return names;
    }
}
