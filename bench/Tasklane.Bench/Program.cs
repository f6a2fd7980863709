using Tasklane.Bench;

// Tasklane beside Hangfire in one run. See bench/README.md.
//   dotnet run -c Release --project bench/Tasklane.Bench -- [--quick] [--postgres CONNSTR] [--out FILE]
// The bench runs itself again for every measured scenario: --child SYSTEM SCENARIO ... (ChildArgs), one JSON line back.
return args is ["--child", ..]
    ? await ChildMain.RunAsync(args)
    : await Harness.RunAsync(BenchOptions.Parse(args));
