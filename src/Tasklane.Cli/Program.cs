using Tasklane.Cli.Commands;

return await TasklaneCli.RunAsync(args);
