using System.CommandLine;
using Tasklane.Cli.Commands;

var root = new RootCommand("Tasklane: background tasks for .NET. Run `tasklane serve --demo` to start a server with the demo workers.");
root.Options.Add(ClientOptions.Server);
root.Options.Add(ClientOptions.Token);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(LoginCommand.Create());
root.Subcommands.Add(TasksCommand.Create());
return await root.Parse(args).InvokeAsync();
