namespace Tasklane;

/// <summary>One action of a worker made of delegates, registered with the container.</summary>
/// <param name="Worker">The worker identifier; the actions registered under one identifier make one worker.</param>
/// <param name="Action">The action name.</param>
/// <param name="Handler">The handler: returns <see cref="Task"/> and takes what an [Action] method takes.</param>
/// <param name="Options">The worker's metadata and the action's limits, or null for the defaults.</param>
public sealed record WorkerActionRegistration(string Worker, string Action, Delegate Handler, WorkerActionOptions? Options = null);
