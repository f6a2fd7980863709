namespace Tasklane.Tests.Support;

/// <summary>
/// Browser tests drive real server processes and Chromium: they run on their own, after the parallel tests,
/// so that two cores shared with the rest of the suite do not starve their pages into timeouts.
/// </summary>
[CollectionDefinition("Browser", DisableParallelization = true)]
public sealed class BrowserCollection;

/// <summary>Tests that start several real server processes (and databases) run on their own, after the parallel tests.</summary>
[CollectionDefinition("Processes", DisableParallelization = true)]
public sealed class ProcessesCollection;
