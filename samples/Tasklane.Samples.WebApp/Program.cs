using Tasklane.Samples.WebApp;

await SampleApp.Build(args).RunAsync();
