using System.CommandLine;
using Tasklane.Cli.Commands;

var root = new RootCommand("Tasklane: background tasks for .NET. Run `tasklane serve --demo` to start a server with the demo workers.");
root.Subcommands.Add(ServeCommand.Create());
return await root.Parse(args).InvokeAsync();
