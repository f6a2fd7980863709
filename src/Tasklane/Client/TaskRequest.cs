namespace Tasklane;

/// <summary>One task of a batch create (<see cref="ITaskClient.CreateManyAsync"/>).</summary>
/// <param name="Worker">The worker identifier.</param>
/// <param name="Action">The action name.</param>
/// <param name="Data">The data: serialised to JSON (snake_case); a string is taken as JSON already.</param>
/// <param name="Options">Priority, queue, run time and the rest; defaults when null.</param>
public sealed record TaskRequest(string Worker, string Action, object? Data, TaskOptions? Options = null);
